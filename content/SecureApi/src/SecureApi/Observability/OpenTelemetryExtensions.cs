using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SecureApi.Observability;

/// <summary>
/// Exports the service's telemetry through OpenTelemetry, configured by the standard
/// <c>OTEL_*</c> settings (environment variables or any other configuration source).
/// </summary>
public static class OpenTelemetryExtensions
{
    /// <summary>The setting that switches the export on: the collector's OTLP address.</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, exports over OTLP (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>:
    /// <c>grpc</c> or <c>http/protobuf</c>) the request traces, the metrics of the security
    /// pipeline (<see cref="ApiSecurityMetrics.MeterName"/>), of ASP.NET Core, Kestrel and rate
    /// limiting, and the logs. Without it, registers nothing.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddOpenTelemetryExport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(ApiSecurityMetrics.MeterName, "Microsoft.AspNetCore.RateLimiting"))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .UseOtlpExporter();

        return builder;
    }
}
