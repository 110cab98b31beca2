using SecureApi.AspNetCore.Audit;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.AspNetCore.Http;

/// <summary>
/// Records the security events that only the service's own code sees (a sign-in's outcome, a
/// password change); the package records 401 and 403 refusals itself.
/// </summary>
public static class ApiAuditHttpContextExtensions
{
    /// <summary>
    /// Logs the event (its id is the enum's value, in the <c>SecureApi.AspNetCore.Audit</c>
    /// category) with a pseudonym of the account, the client's address and the trace id, and
    /// counts it in <see cref="ApiSecurityMetrics.AuditEvents"/>. The account itself, an email
    /// say, is never written.
    /// </summary>
    /// <param name="context">The request the event happened in.</param>
    /// <param name="auditEvent">The event.</param>
    /// <param name="account">The email or user name the event is about; <see langword="null"/> for the signed-in user.</param>
    public static void AuditSecurityEvent(this HttpContext context, ApiAuditEvent auditEvent, string? account = null)
    {
        ArgumentNullException.ThrowIfNull(context);

        AuditTrail.Of(context.RequestServices).Write(context, auditEvent, account);
    }
}
