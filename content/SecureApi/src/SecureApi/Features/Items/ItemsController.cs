#if (AuthEnabled)
using Microsoft.AspNetCore.Authorization;
#endif
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
#if (AuthEnabled)
using SecureApi.Security;
#endif

namespace SecureApi.Features.Items;

/// <summary>
/// The sample resource under <c>/api/items</c>: list, read, create, replace and delete. Bodies
/// are checked by <see cref="ItemRequestValidator"/> before an action runs (the security package
/// runs every registered validator on the arguments it validates). Ids are constrained to
/// integers, so <c>/api/items/abc</c> matches no route and gets a 404 problem response.
/// </summary>
/// <param name="store">The items.</param>
[ApiController]
[Route(Route)]
[Tags("Items")]
public sealed class ItemsController(IItemStore store) : ControllerBase
{
    /// <summary>The route prefix of the resource.</summary>
    public const string Route = "api/items";

    /// <summary>The rate limiting policy of writes.</summary>
    public const string WritesPolicy = "Writes";

    // The content types the API document lists: MVC's formatters would add text/plain and text/json.
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Lists a page: <c>?limit=</c> from 1 to <c>Items:MaxPageSize</c>, <c>Items:DefaultPageSize</c>
    /// without it. Reads meet the global limiter only.
    /// </summary>
    /// <param name="limit">How many items to return.</param>
    /// <param name="settings">The page sizes.</param>
    /// <response code="200">The items, oldest first.</response>
    /// <response code="400">The limit is out of range.</response>
    [HttpGet(Name = nameof(ListItems))]
#if (AuthEnabled)
    [AllowAnonymous] // reads are public, and say so: everything else needs a signed-in user
#endif
    [ProducesResponseType<Item[]>(StatusCodes.Status200OK, Json)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    public ActionResult<Item[]> ListItems([FromQuery] int? limit, [FromServices] IOptions<ItemListSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var pages = settings.Value;
        if (limit is < 1 || limit > pages.MaxPageSize)
        {
            ModelState.AddModelError(nameof(limit), $"limit must be from 1 to {pages.MaxPageSize}.");
            return ValidationProblem();
        }

        return Ok(store.List(limit ?? pages.DefaultPageSize));
    }

    /// <summary>Reads one item.</summary>
    /// <param name="id">The item's id.</param>
    /// <response code="200">The item.</response>
    /// <response code="404">There is no item with that id.</response>
    [HttpGet("{id:int}", Name = nameof(GetItem))]
#if (AuthEnabled)
    [AllowAnonymous]
#endif
    [ProducesResponseType<Item>(StatusCodes.Status200OK, Json)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public ActionResult<Item> GetItem(int id) => store.Find(id) is { } item ? item : ItemNotFound(id);

    /// <summary>Creates an item.</summary>
    /// <param name="request">The item's values, validated.</param>
    /// <response code="201">The item, at its location.</response>
    /// <response code="400">A value is missing or invalid.</response>
    [HttpPost(Name = nameof(CreateItem))]
    [Consumes(Json)]
    [ProducesResponseType<Item>(StatusCodes.Status201Created, Json)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [EnableRateLimiting(WritesPolicy)]
#if (AuthEnabled)
    [Authorize(Policy = AccessPolicies.ItemWrites)] // 401 problem+json without a user, 403 without the grant
#endif
    public ActionResult<Item> CreateItem(ItemRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The validator has checked the request before this runs: its values are present.
#if (AuthEnabled)
        var item = store.Add(request.Name!, request.Quantity!.Value, AccessPolicies.UserIdOf(User)!);
#else
        var item = store.Add(request.Name!, request.Quantity!.Value);
#endif
        return Created($"/{Route}/{item.Id}", item);
    }

    /// <summary>Replaces an item's values.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="request">The new values, validated.</param>
    /// <response code="200">The item.</response>
    /// <response code="400">A value is missing or invalid.</response>
    /// <response code="404">There is no item with that id.</response>
    [HttpPut("{id:int}", Name = nameof(UpdateItem))]
    [Consumes(Json)]
    [ProducesResponseType<Item>(StatusCodes.Status200OK, Json)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [EnableRateLimiting(WritesPolicy)]
#if (AuthEnabled)
    [Authorize(Policy = AccessPolicies.ItemWrites)]
#endif
    public ActionResult<Item> UpdateItem(int id, ItemRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

#if (AuthEnabled)
        // Another user's item is "not found", as a missing one is: its existence is not revealed.
        return store.Update(id, request.Name!, request.Quantity!.Value, AccessPolicies.UserIdOf(User)!) is { } item ? item : ItemNotFound(id);
#else
        return store.Update(id, request.Name!, request.Quantity!.Value) is { } item ? item : ItemNotFound(id);
#endif
    }

    /// <summary>Deletes an item.</summary>
    /// <param name="id">The item's id.</param>
    /// <response code="204">The item is deleted.</response>
    /// <response code="404">There is no item with that id.</response>
    [HttpDelete("{id:int}", Name = nameof(DeleteItem))]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [EnableRateLimiting(WritesPolicy)]
#if (AuthEnabled)
    [Authorize(Policy = AccessPolicies.ItemWrites)]
#endif
#if (AuthEnabled)
    public IActionResult DeleteItem(int id) => store.Remove(id, AccessPolicies.UserIdOf(User)!) ? NoContent() : ItemNotFound(id);
#else
    public IActionResult DeleteItem(int id) => store.Remove(id) ? NoContent() : ItemNotFound(id);
#endif

    private ObjectResult ItemNotFound(int id) =>
        Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no item with id {id}.");
}
