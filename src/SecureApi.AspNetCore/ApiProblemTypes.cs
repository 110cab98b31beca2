namespace SecureApi.AspNetCore;

/// <summary>
/// The <c>type</c> of each problem+json response the protections answer with: the part of an
/// error that clients and tests branch on. Each is stable across releases.
/// </summary>
public static class ApiProblemTypes
{
    /// <summary>400: a body or parameter failed validation; <c>errors</c> names the fields.</summary>
    public const string ValidationFailed = "urn:problem-type:validation-failed";

    /// <summary>400: a request that could not be read.</summary>
    public const string BadRequest = "urn:problem-type:bad-request";

    /// <summary>400: a write without the antiforgery header or cookie.</summary>
    public const string AntiforgeryTokenMissing = "urn:problem-type:antiforgery-token-missing";

    /// <summary>400: an antiforgery token that does not match its cookie or the signed-in user.</summary>
    public const string AntiforgeryTokenInvalid = "urn:problem-type:antiforgery-token-invalid";

    /// <summary>400: a request over plain HTTP outside Development.</summary>
    public const string HttpsRequired = "urn:problem-type:https-required";

    /// <summary>400: a <c>Host</c> outside <c>AllowedHosts</c>.</summary>
    public const string UnknownHost = "urn:problem-type:unknown-host";

    /// <summary>401: no valid credentials.</summary>
    public const string Unauthenticated = "urn:problem-type:unauthenticated";

    /// <summary>403: authenticated, without the role or scope the endpoint requires.</summary>
    public const string Forbidden = "urn:problem-type:forbidden";

    /// <summary>403: a preflight not granted, or a write from an origin outside the allowlist.</summary>
    public const string OriginNotAllowed = "urn:problem-type:origin-not-allowed";

    /// <summary>403: a write from another site, by its Fetch Metadata or <c>Origin</c>.</summary>
    public const string CrossSiteRequest = "urn:problem-type:cross-site-request";

    /// <summary>404: no such route or resource.</summary>
    public const string NotFound = "urn:problem-type:not-found";

    /// <summary>405: the route does not take the method.</summary>
    public const string MethodNotAllowed = "urn:problem-type:method-not-allowed";

    /// <summary>408: the request took longer than <c>Limits:RequestTimeoutSeconds</c>.</summary>
    public const string RequestTimeout = "urn:problem-type:request-timeout";

    /// <summary>409: the request conflicts with the resource's state.</summary>
    public const string Conflict = "urn:problem-type:conflict";

    /// <summary>413: a body over <c>Limits:MaxRequestBodyBytes</c>.</summary>
    public const string BodyTooLarge = "urn:problem-type:body-too-large";

    /// <summary>415: a body that is not JSON, or JSON in another charset than UTF-8.</summary>
    public const string UnsupportedMediaType = "urn:problem-type:unsupported-media-type";

    /// <summary>429: over a rate limit; <c>Retry-After</c> says when to try again.</summary>
    public const string RateLimited = "urn:problem-type:rate-limited";

    /// <summary>500: an unexpected failure; the <c>traceId</c> finds it in the logs.</summary>
    public const string ServerError = "urn:problem-type:server-error";

    /// <summary>503: the service cannot answer now.</summary>
    public const string ServiceUnavailable = "urn:problem-type:service-unavailable";

    /// <summary>503: the key ring cannot be read, so no antiforgery token can be issued or checked.</summary>
    public const string KeyRingUnavailable = "urn:problem-type:key-ring-unavailable";

    /// <summary>503: the shared rate-limit store is unreachable and <c>RateLimiting:RedisFailure</c> is <c>Closed</c>.</summary>
    public const string RateLimitStoreUnavailable = "urn:problem-type:rate-limit-store-unavailable";
}
