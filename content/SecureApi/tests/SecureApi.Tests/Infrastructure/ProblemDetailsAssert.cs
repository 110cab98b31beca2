using System.Net;
using System.Text.Json;

namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// Assertions shared by every test that expects an RFC 9457 problem details response.
/// </summary>
public static class ProblemDetailsAssert
{
    /// <summary>
    /// Asserts that the response is <c>application/problem+json</c> with the given status and
    /// type, a title, a detail, a <c>traceId</c>, and nothing of the server's internals, and
    /// returns its JSON body.
    /// </summary>
    /// <param name="response">The response to check.</param>
    /// <param name="expectedStatus">The status the response must have.</param>
    /// <param name="expectedType">The type it must have, one of <see cref="ProblemTypes"/>.</param>
    /// <returns>The root element of the problem details body.</returns>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode expectedStatus, string expectedType)
    {
        ArgumentNullException.ThrowIfNull(response);

        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat [\w.`<>\[\]]+\(", body); // a stack frame: "at Namespace.Type.Method("

        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expectedStatus, problem.GetProperty("status").GetInt32());
        Assert.Equal(expectedType, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        return problem;
    }
}
