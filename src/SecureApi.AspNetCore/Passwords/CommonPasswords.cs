using System.IO.Compression;

namespace SecureApi.AspNetCore.Passwords;

/// <summary>
/// The passwords attackers try first: the 49,000 most common in public breaches (the list of
/// zxcvbn-ts's common language package, MIT), shipped in the package, so no password is ever
/// sent anywhere to be checked. A password is common when it is on the list, or when what is
/// left of it once digits and symbols are taken off both ends (and the usual letter swaps,
/// <c>p4ssw0rd</c>, are undone) is: <c>Password1234!</c> is <c>password</c>.
/// </summary>
internal static class CommonPasswords
{
    private const string Resource = "SecureApi.AspNetCore.Passwords.common-passwords.txt.gz";

    // The shortest word worth checking once its ends are taken off: shorter ones are common
    // parts of uncommon passwords.
    private const int ShortestWord = 4;

    private static readonly Lazy<HashSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether a password is common, or a common one with digits and symbols around it.</summary>
    /// <param name="password">The password.</param>
    /// <returns><see langword="true"/> when it must be refused.</returns>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);

        var lower = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(lower))
        {
            return true;
        }

        var first = 0;
        while (first < lower.Length && !char.IsLetter(lower[first]))
        {
            first++;
        }

        var last = lower.Length - 1;
        while (last >= first && !char.IsLetter(lower[last]))
        {
            last--;
        }

        var word = lower[first..(last + 1)];
        return word.Length >= ShortestWord && (List.Value.Contains(word) || List.Value.Contains(Unswapped(word)));
    }

    private static string Unswapped(string word) => string.Create(word.Length, word, static (letters, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            letters[i] = source[i] switch
            {
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                _ => source[i],
            };
        }
    });

    private static HashSet<string> Load()
    {
        using var compressed = typeof(CommonPasswords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The package's resource {Resource} is missing.");
        using var reader = new StreamReader(new GZipStream(compressed, CompressionMode.Decompress));
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            passwords.Add(line);
        }

        return passwords;
    }
}
