using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SecureApi.AspNetCore.Diagnostics;

/// <summary>The pipeline's counters (<see cref="ApiSecurityMetrics"/>), made once per service provider.</summary>
internal sealed class SecurityMetrics
{
    /// <summary>The route tag's value for a request that matched no endpoint.</summary>
    public const string NoRoute = "(none)";

    /// <summary>The validation stage of a body or parameter that could not be read.</summary>
    public const string BindingStage = "binding";

    /// <summary>The validation stage of an argument its validator refused.</summary>
    public const string RulesStage = "rules";

    private const string Requests = "{request}";

    private readonly Counter<long> _corsDenials;
    private readonly Counter<long> _antiforgeryFailures;
    private readonly Counter<long> _fetchMetadataRefusals;
    private readonly Counter<long> _httpsRefusals;
    private readonly Counter<long> _hostRefusals;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _validationFailures;
    private readonly Counter<long> _authenticationFailures;
    private readonly Counter<long> _auditEvents;

    public SecurityMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ApiSecurityMetrics.MeterName);
        _corsDenials = meter.CreateCounter<long>(ApiSecurityMetrics.CorsDenials, Requests, "Cross-origin requests from an origin the endpoint's CORS policy does not allow.");
        _antiforgeryFailures = meter.CreateCounter<long>(ApiSecurityMetrics.AntiforgeryFailures, Requests, "Writes refused for a missing or invalid antiforgery token.");
        _fetchMetadataRefusals = meter.CreateCounter<long>(ApiSecurityMetrics.FetchMetadataRefusals, Requests, "Writes refused as cross-site by their Fetch Metadata or Origin.");
        _httpsRefusals = meter.CreateCounter<long>(ApiSecurityMetrics.HttpsRefusals, Requests, "Requests refused for arriving over plain HTTP.");
        _hostRefusals = meter.CreateCounter<long>(ApiSecurityMetrics.HostRefusals, Requests, "Requests refused for a Host outside AllowedHosts.");
        _rateLimitRejections = meter.CreateCounter<long>(ApiSecurityMetrics.RateLimitRejections, Requests, "Requests refused by a rate limit.");
        _validationFailures = meter.CreateCounter<long>(ApiSecurityMetrics.ValidationFailures, Requests, "Requests refused for input that could not be read or failed validation.");
        _authenticationFailures = meter.CreateCounter<long>(ApiSecurityMetrics.AuthenticationFailures, Requests, "Requests answered 401.");
        _auditEvents = meter.CreateCounter<long>(ApiSecurityMetrics.AuditEvents, "{event}", "Audited security events: sign-ins, sign-outs, password changes, 401 and 403 refusals.");
    }

    public void CorsDenied(string policyName, string request)
    {
        if (_corsDenials.Enabled)
        {
            _corsDenials.Add(1, new("secureapi.cors.policy", PolicyTag(policyName)), new("secureapi.cors.request", request));
        }
    }

    public void AntiforgeryFailed(string reason) =>
        _antiforgeryFailures.Add(1, new KeyValuePair<string, object?>("secureapi.antiforgery.reason", reason));

    public void CrossSiteRefused(string? secFetchSite)
    {
        if (_fetchMetadataRefusals.Enabled)
        {
            // Only the values the specification defines: anything else a client sends is one value.
            var site = secFetchSite switch
            {
                null or "" => "absent",
                "cross-site" or "same-site" or "same-origin" or "none" => secFetchSite,
                _ => "other",
            };
            _fetchMetadataRefusals.Add(1, new KeyValuePair<string, object?>("secureapi.fetch_metadata.site", site));
        }
    }

    public void HttpsRefused() => _httpsRefusals.Add(1);

    public void HostRefused() => _hostRefusals.Add(1);

    public void RateLimited(string policyName) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("secureapi.rate_limit.policy", policyName));

    public void ValidationFailed(HttpContext context, string stage)
    {
        if (_validationFailures.Enabled)
        {
            _validationFailures.Add(1, new("http.route", RouteOf(context)), new("secureapi.validation.stage", stage));
        }
    }

    public void AuthenticationFailed(HttpContext context)
    {
        if (_authenticationFailures.Enabled)
        {
            _authenticationFailures.Add(1, new KeyValuePair<string, object?>("http.route", RouteOf(context)));
        }
    }

    public void Audited(ApiAuditEvent auditEvent)
    {
        if (_auditEvents.Enabled)
        {
            _auditEvents.Add(1, new KeyValuePair<string, object?>("secureapi.audit.event", Audit.AuditTrail.EventName(auditEvent)));
        }
    }

    // The template the endpoint was mapped with: as many values as the service has routes.
    private static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern: RoutePattern pattern } ? pattern.RawText ?? NoRoute : NoRoute;

    private static string PolicyTag(string policyName) => policyName.Length == 0 ? "default" : policyName;
}
