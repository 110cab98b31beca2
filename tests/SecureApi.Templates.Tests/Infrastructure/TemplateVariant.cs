namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>One way users instantiate the template: a name and a set of options.</summary>
/// <param name="Id">A short identifier, also the name of the variant's baseline file.</param>
/// <param name="Name">The value passed to <c>-n</c>.</param>
/// <param name="Options">The template options.</param>
public sealed record TemplateVariant(string Id, string Name, params string[] Options)
{
    /// <summary>The defaults, with the name the contract uses.</summary>
    public static readonly TemplateVariant Default = new("default", "Contoso.Orders");

    /// <summary>No sample feature: the security pipeline alone.</summary>
    public static readonly TemplateVariant NoSample = new("no-sample", "Contoso.Orders", "--sample", "false");

    /// <summary>A name with a hyphen, which is not valid in a namespace.</summary>
    public static readonly TemplateVariant HyphenatedName = new("hyphenated-name", "my-service");

    /// <summary>A name with dots and digits.</summary>
    public static readonly TemplateVariant DottedDigitsName = new("dotted-digits-name", "Acme.Api2026", "--sample", "false");

    /// <summary>JWT bearer authentication, with the sample.</summary>
    public static readonly TemplateVariant Jwt = new("jwt", "Contoso.Orders", "--auth", "Jwt");

    /// <summary>JWT bearer authentication, without the sample.</summary>
    public static readonly TemplateVariant JwtNoSample = new("jwt-no-sample", "Contoso.Orders", "--auth", "Jwt", "--sample", "false");

    /// <summary>Accounts with ASP.NET Core Identity, with the sample.</summary>
    public static readonly TemplateVariant Identity = new("identity", "Contoso.Orders", "--auth", "Identity");

    /// <summary>Accounts with ASP.NET Core Identity, without the sample.</summary>
    public static readonly TemplateVariant IdentityNoSample = new("identity-no-sample", "Contoso.Orders", "--auth", "Identity", "--sample", "false");

    /// <summary>The sample as API controllers.</summary>
    public static readonly TemplateVariant Controllers = new("controllers", "Contoso.Orders", "--use-controllers");

    /// <summary>API controllers with JWT bearer authentication.</summary>
    public static readonly TemplateVariant ControllersJwt = new("controllers-jwt", "Contoso.Orders", "--use-controllers", "--auth", "Jwt");

    /// <summary>API controllers with accounts (the accounts' own endpoints stay Identity's minimal API).</summary>
    public static readonly TemplateVariant ControllersIdentity = new("controllers-identity", "Contoso.Orders", "--use-controllers", "--auth", "Identity");

    /// <summary>
    /// Set up for controllers, with none yet. With <c>--auth</c> too it is left out: without the
    /// sample, the option writes two lines of <c>Program.cs</c> that no <c>--auth</c> line touches,
    /// and each <c>--auth</c> without the sample is built and tested on its own.
    /// </summary>
    public static readonly TemplateVariant ControllersNoSample = new("controllers-no-sample", "Contoso.Orders", "--use-controllers", "--sample", "false");

    /// <summary>The defaults without the restore post-action.</summary>
    public static readonly TemplateVariant SkipRestore = new("skip-restore", "Contoso.Orders", "--skip-restore");

    /// <summary>A name that starts with a digit, which no namespace may.</summary>
    public static readonly TemplateVariant DigitName = new("digit-name", "9lives", "--sample", "false");

    /// <summary>A name with an underscore, which the analyzers refuse in an assembly's name.</summary>
    public static readonly TemplateVariant UnderscoreName = new("underscore-name", "my_service", "--sample", "false");

    /// <summary>A name with a letter outside ASCII.</summary>
    public static readonly TemplateVariant UnicodeName = new("unicode-name", "Über.Dienst", "--sample", "false");

    /// <summary>Hyphens inside dotted segments.</summary>
    public static readonly TemplateVariant HyphenatedSegmentsName = new("hyphenated-segments-name", "a-b.c-d", "--sample", "false");

    /// <summary>A name with a space, taken from the output folder as <c>dotnet new</c> does without <c>-n</c>.</summary>
    public static readonly TemplateVariant SpacedName = new("spaced-name", "My Service", "--sample", "false") { NameFromOutput = true };

    /// <summary>Every variant that is built and whose tests are run.</summary>
    public static readonly TemplateVariant[] Buildable =
        [Default, NoSample, Jwt, JwtNoSample, Identity, IdentityNoSample, Controllers, ControllersJwt, ControllersIdentity, ControllersNoSample, HyphenatedName, DottedDigitsName, DigitName, UnderscoreName, UnicodeName, HyphenatedSegmentsName, SpacedName];

    /// <summary>Every variant.</summary>
    public static readonly TemplateVariant[] All = [.. Buildable, SkipRestore];

    /// <summary>Finds a variant by its id (xunit theories pass ids, which show in test names).</summary>
    /// <param name="id">The variant's id.</param>
    /// <returns>The variant.</returns>
    public static TemplateVariant Get(string id) => All.Single(variant => variant.Id == id);

    /// <summary>Theory data: the ids of every variant.</summary>
    public static TheoryData<string> AllIds => [.. All.Select(variant => variant.Id)];

    /// <summary>Theory data: the ids of the buildable variants.</summary>
    public static TheoryData<string> BuildableIds => [.. Buildable.Select(variant => variant.Id)];

    /// <summary>Whether the sample feature is generated.</summary>
    public bool HasSample => OptionValue("--sample") != "false";

    /// <summary>Whether callers authenticate at all (bearer tokens or accounts).</summary>
    public bool HasAuthentication => OptionValue("--auth") is "Jwt" or "Identity";

    /// <summary>Whether users have accounts of their own (ASP.NET Core Identity).</summary>
    public bool HasAccounts => OptionValue("--auth") == "Identity";

    /// <summary>Whether callers authenticate with bearer tokens.</summary>
    public bool HasJwt => OptionValue("--auth") == "Jwt";

    /// <summary>
    /// What the service needs in its environment to start in Production: with bearer tokens, an
    /// authority and an audience (startup refuses a bearer scheme with neither keys nor authority).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ProductionSettings => HasJwt
        ? new Dictionary<string, string?>
        {
            ["Authentication__Schemes__Bearer__Authority"] = "https://login.example.com",
            ["Authentication__Schemes__Bearer__ValidAudiences__0"] = "api://contoso-orders",
        }
        : new Dictionary<string, string?>();

    private string? OptionValue(string option)
    {
        var index = Array.IndexOf(Options, option);
        return index >= 0 && index + 1 < Options.Length ? Options[index + 1] : null;
    }

    /// <summary>Whether <c>dotnet new</c> takes the name from the output folder (no <c>--name</c>).</summary>
    public bool NameFromOutput { get; init; }

    /// <summary>The web project's folder, relative to the solution root.</summary>
    public string WebProjectDirectory => Path.Combine("src", Name);
}
