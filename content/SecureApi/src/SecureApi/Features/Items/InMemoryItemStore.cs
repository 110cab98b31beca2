namespace SecureApi.Features.Items;

/// <summary>
/// A thread-safe store that keeps items in memory, in id order, for the lifetime of the process.
/// </summary>
public sealed class InMemoryItemStore : IItemStore
{
    // A tree in id order under one lock: a page is read without sorting the whole store, and the
    // store grows a node at a time instead of rehashing every item at once under load.
#if (AuthEnabled)
    // Each item with the id of the user who owns it, which no response shows.
    private readonly SortedDictionary<int, (Item Item, string Owner)> _items = [];
#else
    private readonly SortedDictionary<int, Item> _items = [];
#endif
    private readonly Lock _lock = new();
    private int _lastId;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <inheritdoc />
    public Item[] List(int limit)
    {
        lock (_lock)
        {
#if (AuthEnabled)
            return [.. _items.Values.Take(limit).Select(entry => entry.Item)];
#else
            return [.. _items.Values.Take(limit)];
#endif
        }
    }

    /// <inheritdoc />
    public Item? Find(int id)
    {
        lock (_lock)
        {
#if (AuthEnabled)
            return _items.TryGetValue(id, out var entry) ? entry.Item : null;
#else
            return _items.GetValueOrDefault(id);
#endif
        }
    }

#if (AuthEnabled)
    /// <inheritdoc />
    public Item Add(string name, int quantity, string owner)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);

        lock (_lock)
        {
            var item = new Item(++_lastId, name, quantity);
            _items.Add(item.Id, (item, owner));
            return item;
        }
    }

    /// <inheritdoc />
    public Item? Update(int id, string name, int quantity, string owner)
    {
        ArgumentNullException.ThrowIfNull(name);

        lock (_lock)
        {
            if (!_items.TryGetValue(id, out var current) || current.Owner != owner)
            {
                return null;
            }

            var updated = current.Item with { Name = name, Quantity = quantity };
            _items[id] = (updated, owner);
            return updated;
        }
    }

    /// <inheritdoc />
    public bool Remove(int id, string owner)
    {
        lock (_lock)
        {
            return _items.TryGetValue(id, out var current) && current.Owner == owner && _items.Remove(id);
        }
    }
#else
    /// <inheritdoc />
    public Item Add(string name, int quantity)
    {
        ArgumentNullException.ThrowIfNull(name);

        lock (_lock)
        {
            var item = new Item(++_lastId, name, quantity);
            _items.Add(item.Id, item);
            return item;
        }
    }

    /// <inheritdoc />
    public Item? Update(int id, string name, int quantity)
    {
        ArgumentNullException.ThrowIfNull(name);

        lock (_lock)
        {
            if (!_items.TryGetValue(id, out var current))
            {
                return null;
            }

            var updated = current with { Name = name, Quantity = quantity };
            _items[id] = updated;
            return updated;
        }
    }

    /// <inheritdoc />
    public bool Remove(int id)
    {
        lock (_lock)
        {
            return _items.Remove(id);
        }
    }
#endif
}
