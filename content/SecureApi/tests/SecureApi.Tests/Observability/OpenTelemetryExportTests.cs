using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Observability;

/// <summary>
/// With OTEL_EXPORTER_OTLP_ENDPOINT set, the service exports its traces, its security counters
/// and its logs to that collector; without it, nothing is exported or started.
/// </summary>
public sealed class OpenTelemetryExportTests
{
    private const int FlushTimeoutMilliseconds = 10_000;
    private const string RequestDuration = "http.server.request.duration";

    [Fact]
    public async Task WithAnEndpoint_TracesSecurityCountersAndLogsReachTheCollector()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var service = new CorsApiFactory().WithSettings(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Address.ToString()),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        await using (service)
        {
            using var client = service.CreateClient();

            // A preflight from an origin no policy allows: refused, counted and logged.
            using var refused = await CorsApiFactory.PreflightAsync(client, "/health", CorsApiFactory.DeniedOrigin, "POST");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

            // What the exporters hold, sent now: at shutdown the container may already have
            // disposed the exporters' HTTP clients.
            await FlushMetricsUntilReceivedAsync(service.Services.GetRequiredService<MeterProvider>(), collector, RequestDuration);
            Assert.True(service.Services.GetRequiredService<TracerProvider>().ForceFlush(FlushTimeoutMilliseconds));
            Assert.True(service.Services.GetRequiredService<LoggerProvider>().ForceFlush(FlushTimeoutMilliseconds));
        }

        Assert.Contains(ApiSecurityMetrics.CorsDenials, collector.Received("metrics"), StringComparison.Ordinal);
        Assert.Contains(RequestDuration, collector.Received("metrics"), StringComparison.Ordinal);
        Assert.Contains("/health", collector.Received("traces"), StringComparison.Ordinal);
        Assert.Contains("Blocked cross-origin", collector.Received("logs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnEndpoint_NothingIsStarted()
    {
        await using var service = new ApiFactory();
        using var client = service.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Null(service.Services.GetService<MeterProvider>());
    }

    // The server records a request's duration after sending the response the client has read:
    // export again until the instrument has arrived, within the timeout.
    private static async Task FlushMetricsUntilReceivedAsync(MeterProvider meters, OtlpReceiver collector, string instrument)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(FlushTimeoutMilliseconds);
        while (meters.ForceFlush(FlushTimeoutMilliseconds)
            && !collector.Received("metrics").Contains(instrument, StringComparison.Ordinal)
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// The smallest OTLP/HTTP collector: a Kestrel on loopback that keeps every export's body.
    /// Protobuf keeps strings as UTF-8, so names are found in the raw bytes.
    /// </summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new(StringComparer.Ordinal);

        private OtlpReceiver(WebApplication app) => _app = app;

        public Uri Address => new(_app.Urls.Single());

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var receiver = new OtlpReceiver(builder.Build());
            receiver._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver._bodies.GetOrAdd(signal, _ => new()).Enqueue(body.ToArray());
                return Results.Ok();
            });
            await receiver._app.StartAsync();
            return receiver;
        }

        public string Received(string signal) =>
            _bodies.TryGetValue(signal, out var bodies) ? string.Join('\n', bodies.Select(body => Encoding.UTF8.GetString(body))) : "";

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
