using Microsoft.AspNetCore.Http.HttpResults;
using SecureApi.Features.Items;

namespace Microsoft.AspNetCore.Builder;

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
    /// of the writes. Ids are constrained to integers, so <c>/api/items/abc</c> matches no route
    /// and gets a 404 problem response.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The route group, to add conventions to every item endpoint.</returns>
    public static RouteGroupBuilder MapItemEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var items = endpoints.MapGroup(Route).WithTags("Items").WithValidation();

        // Reads meet the global limiter only; writes also meet the stricter RateLimiting:Policies:Writes.
        items.MapGet("/", ListItems).WithName(nameof(ListItems));
        items.MapGet("/{id:int}", GetItem).WithName(nameof(GetItem)).ProducesProblem(StatusCodes.Status404NotFound);
#if (AuthEnabled)
        // Writes need a signed-in user: 401 problem+json otherwise.
        var writes = items.MapGroup("/").RequireRateLimiting(WritesPolicy).RequireAuthorization();
#else
        var writes = items.MapGroup("/").RequireRateLimiting(WritesPolicy);
#endif
        writes.MapPost("/", CreateItem).WithName(nameof(CreateItem));
        writes.MapPut("/{id:int}", UpdateItem).WithName(nameof(UpdateItem)).ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/{id:int}", DeleteItem).WithName(nameof(DeleteItem)).ProducesProblem(StatusCodes.Status404NotFound);

        return items;
    }

    private static Ok<IReadOnlyList<Item>> ListItems(IItemStore store) => TypedResults.Ok(store.List());

    private static Results<Ok<Item>, ProblemHttpResult> GetItem(int id, IItemStore store) =>
        store.Find(id) is { } item ? TypedResults.Ok(item) : ItemNotFound(id);

    // The validation filter has checked the request before these handlers run: its values are present.
    private static Created<Item> CreateItem(ItemRequest request, IItemStore store)
    {
        var item = store.Add(request.Name!, request.Quantity!.Value);
        return TypedResults.Created($"{Route}/{item.Id}", item);
    }

    private static Results<Ok<Item>, ProblemHttpResult> UpdateItem(int id, ItemRequest request, IItemStore store) =>
        store.Update(id, request.Name!, request.Quantity!.Value) is { } item ? TypedResults.Ok(item) : ItemNotFound(id);

    private static Results<NoContent, ProblemHttpResult> DeleteItem(int id, IItemStore store) =>
        store.Remove(id) ? TypedResults.NoContent() : ItemNotFound(id);

    private static ProblemHttpResult ItemNotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no item with id {id}.");
}
