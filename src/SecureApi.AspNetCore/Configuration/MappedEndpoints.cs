namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// Where the startup validation finds the endpoints. The host validates before it builds the
/// pipeline, and a <c>WebApplication</c>'s endpoints reach routing's own list only then: they are
/// read from the application itself, which <c>UseApiSecurity</c> (or a concern's <c>UseX</c>) notes.
/// </summary>
internal sealed class MappedEndpoints
{
    private readonly List<ICollection<EndpointDataSource>> _sources = [];

    /// <summary>Notes the application's endpoints, when it maps them itself.</summary>
    /// <param name="app">The application builder.</param>
    public void Track(IApplicationBuilder app)
    {
        if (app is IEndpointRouteBuilder routes && !_sources.Contains(routes.DataSources))
        {
            _sources.Add(routes.DataSources);
        }
    }

    /// <summary>Every endpoint mapped so far, each once.</summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The endpoints.</returns>
    public IReadOnlyList<Endpoint> All(IServiceProvider services)
    {
        var routing = services.GetService<EndpointDataSource>()?.Endpoints ?? [];
        return [.. _sources.SelectMany(sources => sources).SelectMany(source => source.Endpoints).Concat(routing).Distinct()];
    }
}
