#if (AuthEnabled)
using System.Security.Claims;
#endif
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
#if (AuthEnabled)
using SecureApi.Security;
#endif

namespace SecureApi.Features.Items;

/// <summary>
/// Maps the sample resource under <c>/api/items</c>.
/// </summary>
public static class ItemEndpoints
{
    /// <summary>The route prefix of the resource.</summary>
    public const string Route = "/api/items";

    /// <summary>The rate limiting policy of writes.</summary>
    public const string WritesPolicy = "Writes";

    /// <summary>
    /// Maps list, read, create, replace and delete, with <see cref="ItemRequestValidator"/> in front
    /// of the writes. The list returns a page: <c>?limit=</c> from 1 to <c>Items:MaxPageSize</c>,
    /// <c>Items:DefaultPageSize</c> without it. Ids are constrained to integers, so <c>/api/items/abc</c> matches no route
    /// and gets a 404 problem response.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The route group, to add conventions to every item endpoint.</returns>
    public static RouteGroupBuilder MapItemEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var items = endpoints.MapGroup(Route).WithTags("Items").WithFluentValidation();

        // Reads meet the global limiter only; writes also meet the stricter RateLimiting:Policies:Writes.
#if (AuthEnabled)
        // Reads are public, and say so: everything else needs a signed-in user (deny by default).
        items.MapGet("/", ListItems).WithName(nameof(ListItems)).AllowAnonymous();
        items.MapGet("/{id:int}", GetItem).WithName(nameof(GetItem)).AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound);

        // Writes need the ItemWrites policy (401 problem+json without a user, 403 without the grant),
        // and change only the caller's own items.
        var writes = items.MapGroup("/").RequireRateLimiting(WritesPolicy).RequireAuthorization(AccessPolicies.ItemWrites);
#else
        items.MapGet("/", ListItems).WithName(nameof(ListItems));
        items.MapGet("/{id:int}", GetItem).WithName(nameof(GetItem)).ProducesProblem(StatusCodes.Status404NotFound);
        var writes = items.MapGroup("/").RequireRateLimiting(WritesPolicy);
#endif
        writes.MapPost("/", CreateItem).WithName(nameof(CreateItem));
        writes.MapPut("/{id:int}", UpdateItem).WithName(nameof(UpdateItem)).ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/{id:int}", DeleteItem).WithName(nameof(DeleteItem)).ProducesProblem(StatusCodes.Status404NotFound);

        return items;
    }

    // Services are marked [FromServices]: the request delegate generator then knows, when the
    // service is built, that they are not the body.

    // ?limit=N, 1 to Items:MaxPageSize; Items:DefaultPageSize without it.
    private static Results<Ok<Item[]>, ValidationProblem> ListItems(int? limit, [FromServices] IItemStore store, [FromServices] IOptions<ItemListSettings> settings)
    {
        var pages = settings.Value;
        if (limit is < 1 || limit > pages.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [nameof(limit)] = [$"limit must be from 1 to {pages.MaxPageSize}."],
            });
        }

        return TypedResults.Ok(store.List(limit ?? pages.DefaultPageSize));
    }

    private static Results<Ok<Item>, ProblemHttpResult> GetItem(int id, [FromServices] IItemStore store) =>
        store.Find(id) is { } item ? TypedResults.Ok(item) : ItemNotFound(id);

    // The validation filter has checked the request before these handlers run: its values are present.
#if (AuthEnabled)
    // Another user's item is "not found", as a missing one is: its existence is not revealed.
    private static Created<Item> CreateItem(ItemRequest request, ClaimsPrincipal user, [FromServices] IItemStore store)
    {
        var item = store.Add(request.Name!, request.Quantity!.Value, AccessPolicies.UserIdOf(user)!);
        return TypedResults.Created($"{Route}/{item.Id}", item);
    }

    private static Results<Ok<Item>, ProblemHttpResult> UpdateItem(int id, ItemRequest request, ClaimsPrincipal user, [FromServices] IItemStore store) =>
        store.Update(id, request.Name!, request.Quantity!.Value, AccessPolicies.UserIdOf(user)!) is { } item ? TypedResults.Ok(item) : ItemNotFound(id);

    private static Results<NoContent, ProblemHttpResult> DeleteItem(int id, ClaimsPrincipal user, [FromServices] IItemStore store) =>
        store.Remove(id, AccessPolicies.UserIdOf(user)!) ? TypedResults.NoContent() : ItemNotFound(id);
#else
    private static Created<Item> CreateItem(ItemRequest request, [FromServices] IItemStore store)
    {
        var item = store.Add(request.Name!, request.Quantity!.Value);
        return TypedResults.Created($"{Route}/{item.Id}", item);
    }

    private static Results<Ok<Item>, ProblemHttpResult> UpdateItem(int id, ItemRequest request, [FromServices] IItemStore store) =>
        store.Update(id, request.Name!, request.Quantity!.Value) is { } item ? TypedResults.Ok(item) : ItemNotFound(id);

    private static Results<NoContent, ProblemHttpResult> DeleteItem(int id, [FromServices] IItemStore store) =>
        store.Remove(id) ? TypedResults.NoContent() : ItemNotFound(id);
#endif

    private static ProblemHttpResult ItemNotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no item with id {id}.");
}
