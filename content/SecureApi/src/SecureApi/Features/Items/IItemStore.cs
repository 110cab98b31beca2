namespace SecureApi.Features.Items;

/// <summary>
/// Where items are kept. The sample uses <see cref="InMemoryItemStore"/>; replace it with a
/// database-backed implementation by registering your own before <c>AddItems</c> runs.
/// </summary>
public interface IItemStore
{
    /// <summary>How many items are stored.</summary>
    int Count { get; }

    /// <summary>Lists the first items, ordered by id.</summary>
    /// <param name="limit">The most items to return.</param>
    /// <returns>The items, in an array of their own.</returns>
    Item[] List(int limit);

    /// <summary>Finds one item.</summary>
    /// <param name="id">The item's id.</param>
    /// <returns>The item, or <see langword="null"/> when there is none with that id.</returns>
    Item? Find(int id);

#if (AuthEnabled)
    /// <summary>Stores a new item under a new id, owned by the user who creates it.</summary>
    /// <param name="name">The item's name.</param>
    /// <param name="quantity">The item's quantity.</param>
    /// <param name="owner">The id of the user who creates it.</param>
    /// <returns>The stored item.</returns>
    Item Add(string name, int quantity, string owner);

    /// <summary>Replaces the values of an item its owner changes.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="name">The new name.</param>
    /// <param name="quantity">The new quantity.</param>
    /// <param name="owner">The id of the user who asks.</param>
    /// <returns>
    /// The updated item, or <see langword="null"/> when there is none with that id or it is
    /// another user's: the caller cannot tell the two apart, so ids reveal nothing.
    /// </returns>
    Item? Update(int id, string name, int quantity, string owner);

    /// <summary>Removes an item its owner deletes.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="owner">The id of the user who asks.</param>
    /// <returns><see langword="true"/> when the item existed and was the user's.</returns>
    bool Remove(int id, string owner);
#else
    /// <summary>Stores a new item under a new id.</summary>
    /// <param name="name">The item's name.</param>
    /// <param name="quantity">The item's quantity.</param>
    /// <returns>The stored item.</returns>
    Item Add(string name, int quantity);

    /// <summary>Replaces the values of an existing item.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="name">The new name.</param>
    /// <param name="quantity">The new quantity.</param>
    /// <returns>The updated item, or <see langword="null"/> when there is none with that id.</returns>
    Item? Update(int id, string name, int quantity);

    /// <summary>Removes an item.</summary>
    /// <param name="id">The item's id.</param>
    /// <returns><see langword="true"/> when the item existed.</returns>
    bool Remove(int id);
#endif
}
