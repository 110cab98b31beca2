namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Starts <see cref="KeyRingWarmUp"/> once the first response has been sent. After that, a
/// request costs it one field read.
/// </summary>
internal sealed class KeyRingWarmUpMiddleware(RequestDelegate next, KeyRingWarmUp warmUp)
{
    private static readonly Func<object, Task> StartLoad = state =>
    {
        ((KeyRingWarmUp)state).StartLoad();
        return Task.CompletedTask;
    };

    /// <summary>Adds the middleware, and has the warm-up wait for it rather than the server's start.</summary>
    /// <param name="app">The application builder.</param>
    public static void Use(IApplicationBuilder app)
    {
        app.ApplicationServices.GetRequiredService<KeyRingWarmUp>().AfterFirstResponse = true;
        app.UseMiddleware<KeyRingWarmUpMiddleware>();
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!warmUp.LoadStarted)
        {
            context.Response.OnCompleted(StartLoad, warmUp);
        }

        return next(context);
    }
}
