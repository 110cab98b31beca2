using Microsoft.AspNetCore.Mvc.Testing;

namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// Assertions on configuration that the service must refuse at startup.
/// </summary>
public static class StartupAssert
{
    /// <summary>
    /// Asserts that the service does not start, and that the reason names the key and the value.
    /// </summary>
    /// <param name="factory">The service with the offending settings.</param>
    /// <param name="key">The configuration key the message must name.</param>
    /// <param name="value">The offending value the message must name.</param>
    public static void RefusesToStart(WebApplicationFactory<Program> factory, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(factory);

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Flatten(exception).Select(inner => inner.Message));
        Assert.Contains(key, messages, StringComparison.Ordinal);
        Assert.Contains(value, messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inners = exception is AggregateException aggregate ? [.. aggregate.InnerExceptions] : new[] { exception.InnerException };
        foreach (var inner in inners.OfType<Exception>().SelectMany(Flatten))
        {
            yield return inner;
        }
    }
}
