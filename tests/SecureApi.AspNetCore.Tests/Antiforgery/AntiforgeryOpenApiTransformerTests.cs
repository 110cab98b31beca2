using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using SecureApi.AspNetCore.Antiforgery;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

public sealed class AntiforgeryOpenApiTransformerTests
{
    [Fact]
    public async Task Write_ThatRequiresAToken_GetsTheHeaderParameterAndRequired()
    {
        var operation = new OpenApiOperation();

        await new AntiforgeryOpenApiTransformer().TransformAsync(operation, Context("POST"), CancellationToken.None);

        Assert.Equal("\"required\"", Marker(operation));
        var parameter = Assert.Single(operation.Parameters!);
        Assert.Equal("X-XSRF-TOKEN", parameter.Name);
        Assert.Equal(ParameterLocation.Header, parameter.In);
        Assert.True(parameter.Required);
    }

    [Fact]
    public async Task Write_ThatOptedOut_IsMarkedExemptWithoutTheHeader()
    {
        var operation = new OpenApiOperation();

        await new AntiforgeryOpenApiTransformer().TransformAsync(operation, Context("POST", new OptOut()), CancellationToken.None);

        Assert.Equal("\"exempt\"", Marker(operation));
        Assert.Null(operation.Parameters);
    }

    [Fact]
    public async Task Read_IsLeftAlone()
    {
        var operation = new OpenApiOperation();

        await new AntiforgeryOpenApiTransformer().TransformAsync(operation, Context("GET"), CancellationToken.None);

        Assert.Null(operation.Extensions);
        Assert.Null(operation.Parameters);
    }

    private static string? Marker(OpenApiOperation operation) =>
        ((JsonNodeExtension)operation.Extensions![AntiforgeryOpenApiTransformer.Extension]).Node.ToJsonString();

    private static OpenApiOperationTransformerContext Context(string method, params object[] metadata) => new()
    {
        DocumentName = "v1",
        Description = new ApiDescription { HttpMethod = method, ActionDescriptor = new ActionDescriptor { EndpointMetadata = [.. metadata] } },
        ApplicationServices = new ServiceCollection().BuildServiceProvider(),
    };

    private sealed class OptOut : IAntiforgeryMetadata
    {
        public bool RequiresValidation => false;
    }
}
