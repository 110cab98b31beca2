using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// Bearer tokens signed with a key of the tests' own, and the settings that make the service
/// trust it, as <c>dotnet user-jwts</c> writes them: no identity provider is called.
/// </summary>
public static class TestTokens
{
    /// <summary>The issuer of the tokens.</summary>
    public const string Issuer = "https://issuer.test";

    /// <summary>The audience the service accepts.</summary>
    public const string Audience = "https://api.test";

    /// <summary>The user the test clients are signed in as.</summary>
    public const string DefaultUser = "test-user";

    private static readonly byte[] Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The bearer settings that trust the tokens.</summary>
    public static readonly (string Key, string Value)[] Settings =
    [
        ("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        ("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        ("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        ("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(Key)),
    ];

    /// <summary>A token for a user.</summary>
    /// <param name="userId">The user's id (<c>sub</c>).</param>
    /// <param name="claims">More claims, such as roles or scopes.</param>
    /// <returns>The token.</returns>
    public static string For(string userId, params (string Type, string Value)[] claims) =>
        WithoutSubject([("sub", userId), .. claims]);

    /// <summary>A token with only the claims given: no <c>sub</c> unless one is among them.</summary>
    /// <param name="claims">The claims.</param>
    /// <returns>The token.</returns>
    public static string WithoutSubject(params (string Type, string Value)[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Subject = new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value))),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>
    /// The <c>Authorization</c> header of <see cref="DefaultUser"/>, with the admin role and the
    /// scope that grants writes (<c>Authorization:Admin</c>, <c>Authorization:Writes</c>).
    /// </summary>
    /// <param name="userId">Another user than the default one, with the same grants.</param>
    /// <returns>The header value.</returns>
    public static AuthenticationHeaderValue Granted(string userId = DefaultUser) =>
        Header(userId, ("role", "admin"), ("scope", "items.write"));

    /// <summary>The <c>Authorization</c> header of a token for a user.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="claims">More claims.</param>
    /// <returns>The header value.</returns>
    public static AuthenticationHeaderValue Header(string userId, params (string Type, string Value)[] claims) =>
        new("Bearer", For(userId, claims));
}
