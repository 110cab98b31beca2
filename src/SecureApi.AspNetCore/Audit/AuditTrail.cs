using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Audit;

/// <summary>
/// Writes an <see cref="ApiAuditEvent"/> to the log and counts it. The account is written only as
/// a pseudonym: the same account always has the same one, so an operator can follow it, and one
/// who knows an email can compute its pseudonym to search for it, but nobody reads an email out
/// of the log. One instance per service provider, so the logger is created once.
/// </summary>
/// <param name="loggers">The logger factory.</param>
/// <param name="metrics">The package's counters, when the service registered them.</param>
internal sealed partial class AuditTrail(ILoggerFactory loggers, SecurityMetrics? metrics = null)
{
    /// <summary>The log category of the audit events.</summary>
    public const string Category = "SecureApi.AspNetCore.Audit";

    // Set on a request that audited an event of its own (a failed sign-in), so that its 401 is not audited again.
    private static readonly object AuditedItem = new();

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>The service's audit trail, or one made for it where the package's services are not registered.</summary>
    /// <param name="services">The request's services.</param>
    /// <returns>The audit trail.</returns>
    public static AuditTrail Of(IServiceProvider services) => ActivatorUtilities.GetServiceOrCreateInstance<AuditTrail>(services);

    /// <summary>Writes and counts an event.</summary>
    /// <param name="context">The request the event happened in.</param>
    /// <param name="auditEvent">The event.</param>
    /// <param name="account">The email or user name the event is about; the signed-in user's when <see langword="null"/>.</param>
    public void Write(HttpContext context, ApiAuditEvent auditEvent, string? account)
    {
        context.Items[AuditedItem] = auditEvent;
        metrics?.Audited(auditEvent);
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var pseudonym = Pseudonym(account ?? AccountOf(context.User));
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var trace = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
        Action<ILogger, string, string, string> write = auditEvent switch
        {
            ApiAuditEvent.SignInSucceeded => SignInSucceeded,
            ApiAuditEvent.SignInFailed => SignInFailed,
            ApiAuditEvent.SignInLockedOut => SignInLockedOut,
            ApiAuditEvent.SignedOut => SignedOut,
            ApiAuditEvent.PasswordChanged => PasswordChanged,
            ApiAuditEvent.Unauthenticated => Unauthenticated,
            _ => Forbidden,
        };
        write(_logger, pseudonym, client, trace);
    }

    /// <summary>Whether the request has audited an event already.</summary>
    /// <param name="context">The request.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public static bool HasAudited(HttpContext context) => context.Items.ContainsKey(AuditedItem);

    /// <summary>The event's name in the counter's <c>secureapi.audit.event</c> tag and the log line.</summary>
    /// <param name="auditEvent">The event.</param>
    /// <returns>The name, such as <c>sign_in.failed</c>.</returns>
    public static string EventName(ApiAuditEvent auditEvent) => auditEvent switch
    {
        ApiAuditEvent.SignInSucceeded => "sign_in.succeeded",
        ApiAuditEvent.SignInFailed => "sign_in.failed",
        ApiAuditEvent.SignInLockedOut => "sign_in.locked_out",
        ApiAuditEvent.SignedOut => "signed_out",
        ApiAuditEvent.PasswordChanged => "password.changed",
        ApiAuditEvent.Unauthenticated => "request.unauthenticated",
        ApiAuditEvent.Forbidden => "request.forbidden",
        _ => throw new ArgumentOutOfRangeException(nameof(auditEvent), auditEvent, null),
    };

    // Identity's user name is the email a sign-in names; a token's user is its subject.
    private static string? AccountOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.Identity.Name ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value
            : null;

    private static string Pseudonym(string? account) =>
        string.IsNullOrWhiteSpace(account)
            ? "anonymous"
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("secureapi.audit:" + account.Trim().ToUpperInvariant())).AsSpan(0, 12));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Audit sign_in.succeeded: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void SignInSucceeded(ILogger logger, string account, string clientAddress, string traceId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Audit sign_in.failed: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void SignInFailed(ILogger logger, string account, string clientAddress, string traceId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Audit sign_in.locked_out: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void SignInLockedOut(ILogger logger, string account, string clientAddress, string traceId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Audit signed_out: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void SignedOut(ILogger logger, string account, string clientAddress, string traceId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Audit password.changed: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void PasswordChanged(ILogger logger, string account, string clientAddress, string traceId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Audit request.unauthenticated: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void Unauthenticated(ILogger logger, string account, string clientAddress, string traceId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Audit request.forbidden: account {Account} from {ClientAddress}, trace {TraceId}")]
    private static partial void Forbidden(ILogger logger, string account, string clientAddress, string traceId);
}
