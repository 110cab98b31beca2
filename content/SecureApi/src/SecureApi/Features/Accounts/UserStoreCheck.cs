using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Accounts;

/// <summary>
/// Whether the user store can be reached and has the schema of every migration this build ships:
/// checked when the service starts (outside Development, where <c>dotnet run</c> applies them
/// itself) and by <c>/health</c>, at most every few seconds, so that an empty or unreachable
/// store is noticed at once instead of as a 500 on every <c>/auth</c> request.
/// </summary>
/// <param name="services">The services, for a database context per check.</param>
/// <param name="time">The clock of the cached result.</param>
internal sealed class UserStoreCheck(IServiceProvider services, TimeProvider time) : IHealthCheck, IValidateOptions<UserStoreCheck.Settings>
{
    /// <summary>How long a probe's result answers the probes after it.</summary>
    public static readonly TimeSpan CachePeriod = TimeSpan.FromSeconds(5);

    // One reference, swapped whole: concurrent probes never read half of a result.
    private Checked? _last;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var last = _last;
        if (last is null || now - last.At >= CachePeriod)
        {
            last = new Checked(now, await ProblemAsync(cancellationToken));
            _last = last;
        }

        return last.Problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(last.Problem);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, Settings options) =>
        ProblemAsync(CancellationToken.None).GetAwaiter().GetResult() is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;

    private async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        const string Key = $"ConnectionStrings:{AccountsHostApplicationBuilderExtensions.ConnectionStringName}";
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Database;
        try
        {
            var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? null
                : $"{Key}: the user store lacks {pending.Count} of this build's migrations (the first is {pending[0]}): " +
                  "apply them with `dotnet ef database update` or the migration bundle before the service starts.";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"{Key}: the user store cannot be reached ({exception.GetType().Name}).";
        }
    }

    private sealed record Checked(DateTimeOffset At, string? Problem);

    /// <summary>What startup validates: nothing to bind, only the store to check.</summary>
    internal sealed class Settings;
}
