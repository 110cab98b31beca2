namespace SecureApi.AspNetCore.Diagnostics;

/// <summary>
/// The names of the security pipeline's metrics, for exporters and dashboards:
/// <c>.AddMeter(ApiSecurityMetrics.MeterName)</c> in OpenTelemetry. Every instrument is a
/// counter of requests, tagged with values from configuration or code only (a policy's name,
/// a route template, a reason from a fixed list), never with an origin, a path or a user.
/// </summary>
public static class ApiSecurityMetrics
{
    /// <summary>The meter every instrument belongs to.</summary>
    public const string MeterName = "SecureApi.AspNetCore";

    /// <summary>
    /// Cross-origin requests from an origin the endpoint's CORS policy does not allow, by
    /// <c>secureapi.cors.policy</c> and <c>secureapi.cors.request</c> (<c>preflight</c> and
    /// <c>write</c> are refused with 403; a <c>read</c> is answered without CORS headers).
    /// </summary>
    public const string CorsDenials = "secureapi.cors.denials";

    /// <summary>
    /// Writes refused for their antiforgery token, by <c>secureapi.antiforgery.reason</c>
    /// (<c>token_missing</c>, <c>token_invalid</c>).
    /// </summary>
    public const string AntiforgeryFailures = "secureapi.antiforgery.failures";

    /// <summary>
    /// Writes refused as cross-site by their <c>Sec-Fetch-Site</c> or <c>Origin</c>, before any
    /// token is checked, by <c>secureapi.fetch_metadata.site</c> (the header's value, or
    /// <c>absent</c>; any other value is <c>other</c>).
    /// </summary>
    public const string FetchMetadataRefusals = "secureapi.fetch_metadata.refusals";

    /// <summary>Requests refused because they came over plain HTTP.</summary>
    public const string HttpsRefusals = "secureapi.https.refusals";

    /// <summary>Requests refused because their <c>Host</c> is outside <c>AllowedHosts</c>.</summary>
    public const string HostRefusals = "secureapi.host.refusals";

    /// <summary>
    /// Requests refused by a rate limit, by <c>secureapi.rate_limit.policy</c> (<c>global</c>, or
    /// the endpoint's policy), and those refused because the shared store was unreachable
    /// with <c>RateLimiting:RedisFailure</c> closed (policy <c>store_unavailable</c>).
    /// </summary>
    public const string RateLimitRejections = "secureapi.rate_limit.rejections";

    /// <summary>
    /// Requests refused with 400 <c>validation-failed</c> or 415, by <c>http.route</c> (the
    /// endpoint's route template) and <c>secureapi.validation.stage</c>: <c>binding</c> (the
    /// body or a parameter could not be read) or <c>rules</c> (a validator refused it).
    /// </summary>
    public const string ValidationFailures = "secureapi.validation.failures";

    /// <summary>
    /// Requests answered 401 where the service authenticates (no credentials, bad ones, or a
    /// failed sign-in), by <c>http.route</c>.
    /// </summary>
    public const string AuthenticationFailures = "secureapi.authentication.failures";

    /// <summary>
    /// The audited security events (<see cref="ApiAuditEvent"/>), by <c>secureapi.audit.event</c>:
    /// <c>sign_in.succeeded</c>, <c>sign_in.failed</c>, <c>sign_in.locked_out</c>,
    /// <c>signed_out</c>, <c>password.changed</c>, <c>request.unauthenticated</c> and
    /// <c>request.forbidden</c>.
    /// </summary>
    public const string AuditEvents = "secureapi.audit.events";
}
