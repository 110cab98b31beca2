using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Tests.Errors;

public sealed class ProblemDetailsJsonConverterTests
{
    public static TheoryData<string> OptionSets => ["web", "customized"];

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Problem_IsWrittenAsTheSerializersContractWritesIt(string optionSet)
    {
        foreach (var problem in Problems())
        {
            var expected = JsonSerializer.Serialize(problem, Options(optionSet));

            var written = JsonSerializer.Serialize(problem, WithResolver(Options(optionSet)));

            Assert.Equal(expected, written);
        }
    }

    [Fact]
    public void ValidationProblem_KeepsTheSerializersContract_WithItsErrors()
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["text"] = ["Text is required."] })
        {
            Status = 400,
            Type = "urn:problem-type:validation-failed",
        };
        var options = WithResolver(Options("web"));

        // As the problem writers serialize it: by its run-time type.
        var written = JsonSerializer.Serialize(problem, problem.GetType(), options);

        Assert.Equal(JsonSerializer.Serialize(problem, problem.GetType(), Options("web")), written);
        Assert.Contains("\"errors\":{\"text\":[\"Text is required.\"]}", written, StringComparison.Ordinal);
    }

    [Fact]
    public void WrittenProblem_ReadsBack_WithItsExtensions()
    {
        var options = WithResolver(Options("web"));
        var json = JsonSerializer.Serialize(Problems().First(), options);

        var problem = JsonSerializer.Deserialize<ProblemDetails>(json, options);

        Assert.NotNull(problem);
        Assert.Equal("urn:problem-type:rate-limited", problem.Type);
        Assert.Equal(429, problem.Status);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ((JsonElement)problem.Extensions["traceId"]!).GetString());
        Assert.Equal(3, ((JsonElement)problem.Extensions["count"]!).GetInt32());
    }

    [Fact]
    public void WritingAProblem_AllocatesLessThanTheSerializersGeneralPath()
    {
        var problem = Problems().First();
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer);
        var general = Options("web");
        var converted = WithResolver(Options("web"));

        var throughContract = Allocations.Of(() => Write(general));
        var throughConverter = Allocations.Of(() => Write(converted));

        Assert.True(throughConverter < throughContract, $"{throughConverter} bytes through the converter, {throughContract} through the contract");

        void Write(JsonSerializerOptions options)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, problem, options);
        }
    }

    [Fact]
    public void ErrorResponses_GiveProblemsTheConverter_Once()
    {
        var services = new ServiceCollection();
        services.AddApiErrorResponses();
        services.AddApiErrorResponses();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

        Assert.Single(options.TypeInfoResolverChain.OfType<ProblemDetailsJsonResolver>());
        Assert.IsType<ProblemDetailsJsonConverter>(options.GetTypeInfo(typeof(ProblemDetails)).Converter);
    }

    [Fact]
    public void ErrorResponses_LeaveTheServicesSourceGeneratedContractsTheirFastPath()
    {
        var services = new ServiceCollection();
        services.AddApiErrorResponses();

        // The framework's relaxed encoder alone keeps a contract off its fast path; a team that
        // wants the path sets the default one.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = null;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, FastPathOnlyContext.Default);
        });
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

        var written = JsonSerializer.Serialize(new FastPathItem("first"), options);

        Assert.Equal("""{"name":"first"}""", written);
    }

    private static IEnumerable<ProblemDetails> Problems()
    {
        var rateLimited = new ProblemDetails
        {
            Type = "urn:problem-type:rate-limited",
            Title = "Too many requests",
            Status = 429,
            Detail = "The global rate limit is exhausted; retry after 12 seconds.",
            Instance = "/api/items?page=2&x=<script>",
        };
        rateLimited.Extensions["traceId"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        rateLimited.Extensions["count"] = 3;
        rateLimited.Extensions["nothing"] = null;
        rateLimited.Extensions["Needs Escaping <é>"] = "quote \" and é and <b>";
        rateLimited.Extensions["errors"] = new Dictionary<string, string[]> { ["Some Field"] = ["is required"] };
        rateLimited.Extensions["retryAt"] = new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero);
        yield return rateLimited;

        yield return new ProblemDetails();

        yield return new ProblemDetails { Title = "Only a title", Status = 404 };

        var sortedExtensions = new ProblemDetails
        {
            Status = 500,
            Extensions = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["b"] = 2, ["a"] = "first" },
        };
        yield return sortedExtensions;
    }

    private static JsonSerializerOptions Options(string optionSet) => optionSet switch
    {
        "web" => new JsonSerializerOptions(JsonSerializerDefaults.Web),
        _ => new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseUpper,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        },
    };

    // As the HTTP JSON options hold it: first in the chain, before the reflection contract.
    private static JsonSerializerOptions WithResolver(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolverChain.Insert(0, new ProblemDetailsJsonResolver());
        return options;
    }
}

/// <summary>A contract with nothing but the fast path: it serializes only while the options allow that path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(FastPathItem))]
internal sealed partial class FastPathOnlyContext : JsonSerializerContext;

/// <summary>What the fast-path-only contract serializes.</summary>
/// <param name="Name">A name.</param>
internal sealed record FastPathItem(string Name);
