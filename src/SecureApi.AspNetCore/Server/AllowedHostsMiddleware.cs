using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SecureApi.AspNetCore.Errors;
using SecureApi.AspNetCore.Https;

namespace SecureApi.AspNetCore.Server;

/// <summary>
/// Refuses a request whose <c>Host</c> is not in <c>AllowedHosts</c> with 400 problem+json, after
/// the security headers: the framework's own host filtering answers before any middleware, with a
/// <c>text/html</c> page and none of the headers. The setting and its matching (<c>*.example.com</c>,
/// ports ignored) are the framework's. Probe endpoints (<c>AllowPlainHttp</c>) answer any host,
/// since orchestrators probe by address.
/// </summary>
internal sealed class AllowedHostsMiddleware(RequestDelegate next, IOptionsMonitor<HostFilteringOptions> options, IProblemDetailsService problemDetails)
{
    // The patterns of the setting in force, kept until a reload replaces its list.
    private (IList<string> Source, StringSegment[] Patterns) _patterns = ([], []);

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (settings.AllowedHosts.Count == 0
            || settings.AllowedHosts.Contains("*")
            || context.GetEndpoint()?.Metadata.GetMetadata<AllowPlainHttpMetadata>() is not null
            || IsAllowed(context.Request.Headers.Host.ToString(), settings, PatternsOf(settings)))
        {
            return next(context);
        }

        return problemDetails.WriteStatusAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Unknown host",
            Detail = "The Host header names a host this service does not answer to.",
        });
    }

    private static bool IsAllowed(string host, HostFilteringOptions settings, StringSegment[] patterns) =>
        host.Length == 0 ? settings.AllowEmptyHosts : HostString.MatchesAny(new StringSegment(host), patterns);

    private StringSegment[] PatternsOf(HostFilteringOptions settings)
    {
        var patterns = _patterns;
        if (!ReferenceEquals(patterns.Source, settings.AllowedHosts))
        {
            patterns = (settings.AllowedHosts, [.. settings.AllowedHosts.Select(allowed => new StringSegment(allowed))]);
            _patterns = patterns;
        }

        return patterns.Patterns;
    }
}
