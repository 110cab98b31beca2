using System.Net;
using System.Net.Http.Json;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

/// <summary>
/// An item belongs to the user who created it (OWASP API1:2023): another signed-in user's
/// <c>PUT</c> and <c>DELETE</c> are the 404 of a missing item, and change nothing.
/// </summary>
public sealed class ItemOwnershipTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnotherUsersItem_IsNotFound_ForReplaceAndDelete_AndStaysUnchanged()
    {
        using var owner = await factory.CreateAntiforgeryClientAsync();
        using var intruder = await CreateOtherUserAsync();
        var item = await ItemEndpointsTests.CreateAsync(owner, "Mine", 4);

        using var replace = await intruder.PutAsJsonAsync($"/api/items/{item.Id}", new { name = "Taken", quantity = 0 });
        using var delete = await intruder.DeleteAsync(new Uri($"/api/items/{item.Id}", UriKind.Relative));
        using var missing = await intruder.DeleteAsync(new Uri("/api/items/987654", UriKind.Relative));

        // Word for word a missing item's answer, bar the id: ids reveal nothing.
        var replaced = await ProblemDetailsAssert.IsProblemAsync(replace, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var deleted = await ProblemDetailsAssert.IsProblemAsync(delete, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var absent = await ProblemDetailsAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Equal(absent.GetProperty("detail").GetString()!.Replace("987654", $"{item.Id}", StringComparison.Ordinal), deleted.GetProperty("detail").GetString());
        Assert.Equal(deleted.GetProperty("title").GetString(), replaced.GetProperty("title").GetString());
        Assert.Equal(item, await owner.GetFromJsonAsync<Item>($"/api/items/{item.Id}"));
    }

    [Fact]
    public async Task TheOwner_StillReplacesAndDeletes_AfterAnotherUserTried()
    {
        using var owner = await factory.CreateAntiforgeryClientAsync();
        using var intruder = await CreateOtherUserAsync();
        var item = await ItemEndpointsTests.CreateAsync(owner, "Mine", 4);
        (await intruder.DeleteAsync(new Uri($"/api/items/{item.Id}", UriKind.Relative))).Dispose();

        using var replace = await owner.PutAsJsonAsync($"/api/items/{item.Id}", new { name = "Still mine", quantity = 5 });
        using var delete = await owner.DeleteAsync(new Uri($"/api/items/{item.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    // A second signed-in user, with the same grants as the first.
#if (AuthJwt)
    private Task<HttpClient> CreateOtherUserAsync()
    {
        // A bearer token and no cookie: an antiforgery token is bound to the user it was issued to.
        var client = factory.CreateClient(new() { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = TestTokens.Granted("another-user");
        return Task.FromResult(client);
    }
#else
    private Task<HttpClient> CreateOtherUserAsync() => factory.CreateAntiforgeryClientAsync();
#endif
}
