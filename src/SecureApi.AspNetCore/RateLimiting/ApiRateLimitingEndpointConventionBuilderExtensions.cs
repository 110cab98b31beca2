using Microsoft.AspNetCore.RateLimiting;
using SecureApi.AspNetCore.RateLimiting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Rate limits keyed by what a request names rather than by who sends it.
/// </summary>
public static class ApiRateLimitingEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Counts the requests of these endpoints that carry a <typeparamref name="TArgument"/> under
    /// the window or bucket policy <paramref name="policyName"/> per value the selector gives (such
    /// as the email a sign-in or registration names), on top of their limits per client: a
    /// password guesser spread over many addresses still meets the limit of the one account.
    /// Over it, the request is answered 429 as every rate limit is, before the handler runs. With a
    /// shared store (Redis) the instances count together. The value is kept only as a hash; an
    /// empty value is not counted. Startup refuses a policy that is not configured or is a
    /// concurrency limit.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <typeparam name="TArgument">The handler argument the value is taken from, such as the request body's type.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <param name="policyName">The policy, under <c>RateLimiting:Policies</c>.</param>
    /// <param name="partitionKey">Gives the value to count by; null or empty is not counted.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder RequireRateLimitingPer<TBuilder, TArgument>(this TBuilder builder, string policyName, Func<TArgument, string?> partitionKey)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        ArgumentNullException.ThrowIfNull(partitionKey);

        builder.WithMetadata(new ArgumentRateLimitMetadata(policyName));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            if (ArgumentOf<TArgument>(context.Arguments) is not { } argument || partitionKey(argument) is not { Length: > 0 } value)
            {
                return await next(context);
            }

            var http = context.HttpContext;
            using var lease = await http.RequestServices.GetRequiredService<ArgumentRateLimiter>()
                .AcquireAsync(policyName, value, http.RequestAborted);
            if (lease.IsAcquired)
            {
                return await next(context);
            }

            await http.RequestServices.GetRequiredService<RateLimitRejectionWriter>()
                .WriteAsync(new OnRejectedContext { HttpContext = http, Lease = lease });
            return Results.Empty;
        });
    }

    private static TArgument? ArgumentOf<TArgument>(IList<object?> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument is TArgument match)
            {
                return match;
            }
        }

        return default;
    }
}
