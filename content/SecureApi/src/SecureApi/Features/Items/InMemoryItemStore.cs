namespace SecureApi.Features.Items;

/// <summary>
/// A thread-safe store that keeps items in memory, in id order, for the lifetime of the process.
/// </summary>
public sealed class InMemoryItemStore : IItemStore
{
    // A tree in id order under one lock: a page is read without sorting the whole store, and the
    // store grows a node at a time instead of rehashing every item at once under load.
    private readonly SortedDictionary<int, Item> _items = [];
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
            return [.. _items.Values.Take(limit)];
        }
    }

    /// <inheritdoc />
    public Item? Find(int id)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(id);
        }
    }

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
}
