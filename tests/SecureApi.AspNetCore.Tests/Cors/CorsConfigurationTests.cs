
namespace SecureApi.AspNetCore.Tests.Cors;

public sealed class CorsConfigurationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("Cors:AllowedOrigins", "*")]
    [InlineData("Cors:AllowedOrigins", "https://app.example.com/")]
    [InlineData("Cors:AllowedOrigins", "https://app.example.com/api")]
    [InlineData("Cors:AllowedOrigins", "https://app.example.com?x=1")]
    [InlineData("Cors:AllowedOrigins", "app.example.com")]
    [InlineData("Cors:AllowedOrigins", "https://app.*.example.com")]
    [InlineData("Cors:AllowedOrigins", "http://app.example.com")]
    [InlineData("Cors:AllowedOrigins", "null")]
    [InlineData("Cors:Policies:Admin:AllowedOrigins", "https://admin.example.com/")]
    [InlineData("Cors:PreflightMaxAgeSeconds", "-1")]
    [InlineData("Cors:AllowedMethods", "GET,PO ST")]
    [InlineData("Cors:AllowedHeaders", "X-Ok,X Bad")]
    [InlineData("Cors:AllowCredentials", "maybe")]
    public void UnsafeOrMalformedSetting_IsRefusedAtStartup(string key, string value)
    {
        using var misconfigured = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(misconfigured, key, value.Split(',')[^1]);
    }
}
