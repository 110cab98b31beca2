using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

/// <summary>
/// <c>GET /api/items</c> returns a page: <c>?limit=</c> up to <c>Items:MaxPageSize</c>, and
/// <c>Items:DefaultPageSize</c> without it, as the same JSON array.
/// </summary>
public sealed class ItemListTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task List_WithALimit_ReturnsThatManyOfTheFirstItems()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var created = new[] { await CreateAsync(client, "First"), await CreateAsync(client, "Second"), await CreateAsync(client, "Third") };

        var page = await client.GetFromJsonAsync<Item[]>("/api/items?limit=2");

        Assert.Equal([.. (await client.GetFromJsonAsync<Item[]>("/api/items"))!.Take(2)], page!);
        Assert.Equal(2, page!.Length);
        Assert.Contains(created[0], page);
    }

    [Fact]
    public async Task List_WithoutALimit_ReturnsTheDefaultPageSize()
    {
        using var small = factory.WithSettings(("Items:DefaultPageSize", "2"), ("Items:MaxPageSize", "3"));
        using var client = await AntiforgeryClient.CreateAsync(small);
        for (var item = 0; item < 3; item++)
        {
            await CreateAsync(client, $"Item {item}");
        }

        Assert.Equal(2, (await client.GetFromJsonAsync<Item[]>("/api/items"))!.Length);
        Assert.Equal(3, (await client.GetFromJsonAsync<Item[]>("/api/items?limit=3"))!.Length);
    }

    [Fact]
    public async Task List_IsWrittenFromTheGeneratedJsonContract()
    {
        // A list whose run-time type is not the one the handler declares is described by
        // reflection when the first one is written, which ItemsJsonContext is there to avoid.
        var reflected = new ConcurrentQueue<Type>();
        void Spy(JsonSerializerOptions json)
        {
            var chain = json.TypeInfoResolverChain;
            chain[chain.IndexOf(chain.OfType<DefaultJsonTypeInfoResolver>().Single())] =
                new DefaultJsonTypeInfoResolver { Modifiers = { info => reflected.Enqueue(info.Type) } };
        }

#if (UseControllers)
        using var spied = factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json => Spy(json.JsonSerializerOptions))));
#else
        using var spied = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.ConfigureHttpJsonOptions(json => Spy(json.SerializerOptions))));
#endif

        using var response = await spied.CreateClient().GetAsync(new Uri("/api/items", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(reflected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("ten")]
    public async Task List_WithALimitOutOfRange_Is400NamingTheParameter(string limit)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/items?limit={limit}", UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("0", "1000", "Items:DefaultPageSize")]
    [InlineData("100", "50", "Items:DefaultPageSize")]
    [InlineData("1", "0", "Items:MaxPageSize")]
    public void PageSizes_OutOfRange_AreRefusedNamingTheKey(string defaultPageSize, string maxPageSize, string key)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Items:DefaultPageSize"] = defaultPageSize,
                ["Items:MaxPageSize"] = maxPageSize,
            })
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddItems().BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ItemListSettings>>().Value);

        Assert.Contains(failure.Failures, message => message.StartsWith(key, StringComparison.Ordinal));
    }

    private static Task<Item> CreateAsync(HttpClient client, string name) => ItemEndpointsTests.CreateAsync(client, name, 1);
}
