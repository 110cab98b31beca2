using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Headers;

namespace SecureApi.AspNetCore.Tests.Headers;

public sealed class SecurityHeadersWriterTests
{
    private const string ContentSecurityPolicy = "Content-Security-Policy";
    private const string StrictTransportSecurity = "Strict-Transport-Security";

    [Fact]
    public void Write_ForEndpointWithNamedPolicy_WritesThatPolicy()
    {
        var writer = CreateWriter(Environments.Production, options => options.AddPolicy(
            "Relaxed", new HeaderPolicyCollection().AddApiStrictSecurityHeaders().AddContentSecurityPolicy(csp => csp.AddDefaultSrc().Self())));
        var context = CreateContext(new HeaderPolicyMetadata("Relaxed"));

        writer.Write(context);

        Assert.Equal("default-src 'self'", context.Response.Headers[ContentSecurityPolicy]);
        Assert.Equal("nosniff", context.Response.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public void Write_ForEndpointWithoutPolicy_WritesDefault()
    {
        var writer = CreateWriter(Environments.Production, options => options.AddPolicy("Relaxed", new HeaderPolicyCollection()));
        var context = CreateContext();

        writer.Write(context);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", context.Response.Headers[ContentSecurityPolicy]);
    }

    [Fact]
    public void Write_ForUnknownPolicyName_Throws()
    {
        var writer = CreateWriter(Environments.Production);
        var context = CreateContext(new HeaderPolicyMetadata("Typo"));

        var exception = Assert.Throws<InvalidOperationException>(() => writer.Write(context));
        Assert.Contains("'Typo'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "https", "api.test", true)]
    [InlineData("Staging", "https", "api.test", true)]
    [InlineData("Production", "http", "api.test", false)]
    [InlineData("Development", "https", "api.test", false)]
    [InlineData("Production", "https", "localhost", false)]
    [InlineData("Production", "https", "[::1]", false)]
    public void Write_SendsHstsOnlyOverHttpsOutsideDevelopmentToRealHosts(string environment, string scheme, string host, bool expected)
    {
        var writer = CreateWriter(environment);
        var context = CreateContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);

        writer.Write(context);

        Assert.Equal(expected, context.Response.Headers.ContainsKey(StrictTransportSecurity));
    }

    [Fact]
    public void Write_AllocatesNothing_OnceTheResponseHoldsItsHeaders()
    {
        var writer = CreateWriter(Environments.Production);
        var context = CreateContext();

        Assert.Equal(0, Allocations.Of(() => writer.Write(context)));
    }

    private static SecurityHeadersWriter CreateWriter(string environment, Action<ApiSecurityHeadersOptions>? configure = null)
    {
        var options = new ApiSecurityHeadersOptions();
        configure?.Invoke(options);
        return new SecurityHeadersWriter(
            Options.Create(options),
            Options.Create(new ApiHstsOptions()),
            new HostingEnvironment { EnvironmentName = environment });
    }

    private static DefaultHttpContext CreateContext(params object[] endpointMetadata)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = Uri.UriSchemeHttps;
        context.Request.Host = new HostString("api.test");
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(endpointMetadata), "test"));
        return context;
    }
}
