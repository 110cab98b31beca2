using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SecureApi.AspNetCore.Diagnostics;
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
internal sealed class AllowedHostsMiddleware(
    RequestDelegate next, IOptionsMonitor<HostFilteringOptions> options, IProblemDetailsService problemDetails, SecurityMetrics metrics)
{
    /// <summary>The name of the options instance that holds <c>AllowedHosts</c> for this middleware.</summary>
    public const string OptionsName = "SecureApi.AllowedHosts";

    /// <summary>The configuration key, the framework's.</summary>
    public const string SettingName = "AllowedHosts";

    // The setting in force, read into patterns once, until a reload replaces its list.
    private AllowedHostPatterns _patterns = AllowedHostPatterns.From([]);

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Get(OptionsName);
        var patterns = PatternsOf(settings);
        if (patterns.AllowsAny
            || context.GetEndpoint()?.Metadata.GetMetadata<AllowPlainHttpMetadata>() is not null
            || IsAllowed(context.Request.Headers.Host.ToString(), settings, patterns.Patterns))
        {
            return next(context);
        }

        metrics.HostRefused();
        return problemDetails.WriteStatusAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ApiProblemTypes.UnknownHost,
            Title = "Unknown host",
            Detail = "The Host header names a host this service does not answer to. Call it by one of its published names.",
        });
    }

    private static bool IsAllowed(string host, HostFilteringOptions settings, StringSegment[] patterns) =>
        host.Length == 0 ? settings.AllowEmptyHosts : HostString.MatchesAny(new StringSegment(host), patterns);

    private AllowedHostPatterns PatternsOf(HostFilteringOptions settings)
    {
        var patterns = _patterns;
        if (!ReferenceEquals(patterns.Source, settings.AllowedHosts))
        {
            patterns = AllowedHostPatterns.From(settings.AllowedHosts);
            _patterns = patterns;
        }

        return patterns;
    }

    private sealed record AllowedHostPatterns(IList<string> Source, bool AllowsAny, StringSegment[] Patterns)
    {
        // No list, or "*", answers every host, as the framework's filter does.
        public static AllowedHostPatterns From(IList<string> hosts) =>
            new(hosts, hosts.Count == 0 || hosts.Contains("*"), [.. hosts.Select(host => new StringSegment(host))]);
    }
}
