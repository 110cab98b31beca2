using System.Collections.Concurrent;

namespace SecureApi.Features.Items;

/// <summary>
/// A thread-safe store that keeps items in memory for the lifetime of the process.
/// </summary>
public sealed class InMemoryItemStore : IItemStore
{
    private readonly ConcurrentDictionary<int, Item> _items = new();
    private int _lastId;

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public Item[] List(int limit) =>
        // Enumerating the dictionary itself takes no lock, unlike its Values property.
        [.. _items.Select(pair => pair.Value).OrderBy(item => item.Id).Take(limit)];

    /// <inheritdoc />
    public Item? Find(int id) => _items.GetValueOrDefault(id);

    /// <inheritdoc />
    public Item Add(string name, int quantity)
    {
        ArgumentNullException.ThrowIfNull(name);

        var item = new Item(Interlocked.Increment(ref _lastId), name, quantity);
        _items[item.Id] = item;
        return item;
    }

    /// <inheritdoc />
    public Item? Update(int id, string name, int quantity)
    {
        ArgumentNullException.ThrowIfNull(name);

        while (_items.TryGetValue(id, out var current))
        {
            var updated = current with { Name = name, Quantity = quantity };
            if (_items.TryUpdate(id, updated, current))
            {
                return updated;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public bool Remove(int id) => _items.TryRemove(id, out _);
}
