namespace SecureApi.AspNetCore;

/// <summary>Registered by <c>AddApiSecurity</c>, so that <c>UseApiSecurity</c> can tell it was called.</summary>
internal sealed class ApiSecurityMarker;
