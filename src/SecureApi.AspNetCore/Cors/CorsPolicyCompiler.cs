namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Turns configured policies into compiled ones, refusing anything unsafe or malformed with a
/// message that names the key and the value.
/// </summary>
internal static class CorsPolicyCompiler
{
    private const int MaxPreflightMaxAgeSeconds = 86_400;

    /// <summary>Compiles every policy, or lists why not.</summary>
    /// <param name="options">The configured policies.</param>
    /// <param name="errors">What is wrong, one message per problem.</param>
    /// <returns>The compiled policies by name, when there are no errors.</returns>
    public static Dictionary<string, CompiledCorsPolicy> Compile(ApiCorsOptions options, out List<string> errors)
    {
        errors = [];
        var policies = new Dictionary<string, CompiledCorsPolicy>(StringComparer.Ordinal);
        foreach (var (name, key, policy) in options.AllPolicies())
        {
            var origins = new List<OriginEntry>();
            foreach (var value in policy.AllowedOrigins)
            {
                if (!OriginEntry.TryParse(value, out var entry, out var error))
                {
                    errors.Add($"{key}:AllowedOrigins contains '{value}': {error}.");
                }
                else if (entry.Kind == OriginEntryKind.Any && policy.AllowCredentials)
                {
                    errors.Add($"{key}:AllowedOrigins contains '*' while {key}:AllowCredentials is true: any site could act as the signed-in user.");
                }
                else if (entry.Scheme == "http" && !options.IsDevelopment && !policy.AllowHttpOrigins)
                {
                    errors.Add($"{key}:AllowedOrigins contains '{value}': http:// origins are refused outside Development unless {key}:AllowHttpOrigins is true.");
                }
                else
                {
                    origins.Add(entry);
                }
            }

            AddTokenErrors(errors, $"{key}:AllowedMethods", policy.AllowedMethods);
            AddTokenErrors(errors, $"{key}:AllowedHeaders", policy.AllowedHeaders);
            AddTokenErrors(errors, $"{key}:ExposedHeaders", policy.ExposedHeaders);
            if (policy.PreflightMaxAgeSeconds is < 0 or > MaxPreflightMaxAgeSeconds)
            {
                errors.Add($"{key}:PreflightMaxAgeSeconds is {policy.PreflightMaxAgeSeconds}; it must be from 0 to {MaxPreflightMaxAgeSeconds}.");
            }

            policies[name] = new CompiledCorsPolicy(name, policy, OriginAllowlist.Create(origins));
        }

        return policies;
    }

    private static void AddTokenErrors(List<string> errors, string key, IEnumerable<string> values) =>
        errors.AddRange(values
            .Where(value => value.Length == 0 || value.Any(character => !IsTokenCharacter(character)))
            .Select(value => $"{key} contains '{value}', which is not an HTTP method or header name."));

    // RFC 9110 token characters.
    private static bool IsTokenCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || "!#$%&'*+-.^_`|~".Contains(character, StringComparison.Ordinal);
}
