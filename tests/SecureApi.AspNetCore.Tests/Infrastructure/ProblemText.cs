using System.Text.Json;

namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>What a problem says, for asserting what it must not repeat.</summary>
public static class ProblemText
{
    /// <summary>
    /// The problem's members but its <c>traceId</c>, whose random hex digits may contain any short
    /// value a test looks for ("abc").
    /// </summary>
    /// <param name="problem">The problem's JSON.</param>
    /// <returns>The text of the other members.</returns>
    public static string WithoutTraceId(JsonElement problem) =>
        string.Join('\n', problem.EnumerateObject().Where(member => member.Name != "traceId").Select(member => member.ToString()));
}
