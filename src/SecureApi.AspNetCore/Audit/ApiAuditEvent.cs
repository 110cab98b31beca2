namespace SecureApi.AspNetCore.Diagnostics;

/// <summary>
/// The security events the package audits: each is a log event with this value as its stable id,
/// in the <c>SecureApi.AspNetCore.Audit</c> category, and a count in
/// <see cref="ApiSecurityMetrics.AuditEvents"/>. Every one carries a pseudonymous account id, the
/// client's address and the trace id; never an email, password, token or cookie.
/// </summary>
public enum ApiAuditEvent
{
    /// <summary>A sign-in succeeded.</summary>
    SignInSucceeded = 5001,

    /// <summary>A sign-in failed: an unknown account or a wrong password, which the log does not tell apart.</summary>
    SignInFailed = 5002,

    /// <summary>A sign-in was refused because the account is locked out.</summary>
    SignInLockedOut = 5003,

    /// <summary>A user signed out (one session, or every session).</summary>
    SignedOut = 5004,

    /// <summary>A user's password was changed or reset.</summary>
    PasswordChanged = 5005,

    /// <summary>A request was answered 401: no credentials, bad ones, or a session that has ended.</summary>
    Unauthenticated = 5006,

    /// <summary>A signed-in user's request was answered 403: a role or scope it lacks, or a cross-site write refused.</summary>
    Forbidden = 5007,
}
