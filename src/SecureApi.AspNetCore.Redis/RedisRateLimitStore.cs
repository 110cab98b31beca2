using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecureApi.AspNetCore.RateLimiting;
using StackExchange.Redis;

namespace SecureApi.AspNetCore.Redis;

/// <summary>
/// Counts rate limits in Redis: one script, sent by its hash, decides and counts every rule of a
/// request atomically on Redis's clock, so instances with skewed clocks agree on windows and a
/// burst split across instances admits exactly the limit. Every key expires when its window or
/// bucket no longer matters, so Redis holds at most one small key per active client and policy.
/// </summary>
internal sealed class RedisRateLimitStore(RedisConnection connection, RedisKeyPrefix prefix) : SharedRateLimitStore
{
    // Per rule: algorithm, limit, then the window or period in ms and the segments or tokens per
    // period. Phase one decides with no write, so a refusal counts nothing; phase two counts, and
    // answers the rule closest to exhaustion: its permits left and the ms until more come.
    private const string Script = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local plans = {}
        for i, key in ipairs(KEYS) do
          local algorithm = ARGV[i * 4 - 3]
          local limit = tonumber(ARGV[i * 4 - 2])
          local span = tonumber(ARGV[i * 4 - 1])
          local step = tonumber(ARGV[i * 4])
          local wait = nil
          if algorithm == 'f' then
            local count = tonumber(redis.call('GET', key) or '0')
            local ttl = redis.call('PTTL', key)
            if ttl < 0 then count = 0; ttl = span end
            if count >= limit then wait = ttl end
            plans[i] = { count, ttl }
          elseif algorithm == 's' then
            local size = math.max(1, math.floor(span / step))
            local current = math.floor(now / size)
            local total, first, stale = 0, nil, {}
            local fields = redis.call('HGETALL', key)
            for j = 1, #fields, 2 do
              local segment = tonumber(fields[j])
              if segment <= current - step then
                stale[#stale + 1] = fields[j]
              else
                total = total + tonumber(fields[j + 1])
                if first == nil or segment < first then first = segment end
              end
            end
            if total >= limit then wait = (first + step) * size - now end
            plans[i] = { current, size, stale, total, (first or current) }
          else
            local state = redis.call('HMGET', key, 'tokens', 'at')
            local tokens, at = tonumber(state[1]), tonumber(state[2])
            if tokens == nil or at == nil then tokens = limit; at = now end
            local periods = math.floor((now - at) / span)
            if periods > 0 then
              tokens = math.min(limit, tokens + periods * step)
              at = at + periods * span
            end
            if tokens < 1 then wait = span - (now - at) end
            plans[i] = { tokens, at }
          end
          if wait ~= nil then return { i, math.max(1, wait) } end
        end
        local tightest, fewest, longest = 1, nil, 0
        for i, key in ipairs(KEYS) do
          local algorithm = ARGV[i * 4 - 3]
          local limit = tonumber(ARGV[i * 4 - 2])
          local span = tonumber(ARGV[i * 4 - 1])
          local step = tonumber(ARGV[i * 4])
          local plan = plans[i]
          local left, wait
          if algorithm == 'f' then
            if plan[1] == 0 then redis.call('SET', key, 1, 'PX', span) else redis.call('INCR', key) end
            left, wait = limit - plan[1] - 1, plan[2]
          elseif algorithm == 's' then
            if #plan[3] > 0 then redis.call('HDEL', key, unpack(plan[3])) end
            redis.call('HINCRBY', key, plan[1], 1)
            redis.call('PEXPIRE', key, plan[2] * (step + 1))
            left, wait = limit - plan[4] - 1, (plan[5] + step) * plan[2] - now
          else
            left = plan[1] - 1
            redis.call('HSET', key, 'tokens', left, 'at', plan[2])
            redis.call('PEXPIRE', key, (math.ceil((limit - left) / step) + 1) * span)
            left, wait = math.floor(left), span - (now - plan[2])
          end
          if fewest == nil or left < fewest or (left == fewest and wait > longest) then
            tightest, fewest, longest = i, left, wait
          end
        end
        return { 0, tightest, fewest, longest }
        """;

#pragma warning disable CA5350 // EVALSHA names a script by its SHA-1: an identifier, not a protection.
    private static readonly byte[] ScriptHash = SHA1.HashData(Encoding.UTF8.GetBytes(Script));
#pragma warning restore CA5350

    /// <inheritdoc />
    public override string Name => "Redis";

    /// <inheritdoc />
    public override bool IsAvailable => connection.IsConnected;

    /// <inheritdoc />
    public override async ValueTask<SharedRateLimitResult> AcquireAsync(
        ClientPartitionKey client, RateLimitRule[] rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (connection.DatabaseIfStarted is not { } database)
        {
            return SharedRateLimitResult.Unavailable;
        }

        var keys = new RedisKey[rules.Length];
        var arguments = new RedisValue[rules.Length * 4];
        var clientTag = prefix.ClientTag(client);
        for (var i = 0; i < rules.Length; i++)
        {
            var policy = rules[i].Policy;
            var (algorithm, span, step) = policy.Algorithm switch
            {
                RateLimitAlgorithm.SlidingWindow => ("s", policy.WindowSeconds * 1000L, policy.SegmentsPerWindow),
                RateLimitAlgorithm.TokenBucket => ("t", policy.ReplenishmentPeriodSeconds * 1000L, policy.TokensPerPeriod),
                _ => ("f", policy.WindowSeconds * 1000L, 0),
            };

            // The algorithm is in the key: a policy whose algorithm changes starts afresh instead
            // of meeting a value of the wrong type.
            keys[i] = $"{clientTag}:{rules[i].Name}:{algorithm}";
            arguments[i * 4] = algorithm;
            arguments[(i * 4) + 1] = policy.PermitLimit;
            arguments[(i * 4) + 2] = span;
            arguments[(i * 4) + 3] = step;
        }

        try
        {
            var result = (RedisResult[])(await EvaluateAsync(database, keys, arguments).WaitAsync(cancellationToken))!;
            var refused = (int)result[0];
            return refused == 0
                ? new SharedRateLimitResult(SharedRateLimitOutcome.Acquired, (int)result[1] - 1, TimeSpan.FromMilliseconds((long)result[3]), (long)result[2])
                : new SharedRateLimitResult(SharedRateLimitOutcome.Refused, refused - 1, TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return SharedRateLimitResult.Unavailable;
        }
    }

    // By hash, so that a request sends the script's 40 bytes rather than its text; a Redis that
    // restarted has forgotten it and is sent the text once.
    private static async Task<RedisResult> EvaluateAsync(IDatabase database, RedisKey[] keys, RedisValue[] arguments)
    {
        try
        {
            return await database.ScriptEvaluateAsync(ScriptHash, keys, arguments);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Script, keys, arguments);
        }
    }
}

/// <summary>
/// The keys of this service in a Redis that other services may share: <c>secureapi:&lt;application&gt;:</c>,
/// the application being the key ring's application name.
/// </summary>
/// <param name="application">The application name.</param>
internal sealed class RedisKeyPrefix(string application)
{
    /// <summary>The prefix.</summary>
    public string Value { get; } = $"secureapi:{application.Replace('{', '_').Replace('}', '_')}:";

    /// <summary>The key of the key ring's list.</summary>
    public string KeyRing => Value + "dataprotection-keys";

    /// <summary>The prefix of the distributed cache's entries.</summary>
    public string Cache => Value + "cache:";

    /// <summary>
    /// The part of a client's rate-limit keys that names it, in braces so that a cluster keeps all
    /// of a client's keys in one slot, as a script that touches several keys needs.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <returns>The tag.</returns>
    public string ClientTag(ClientPartitionKey client) => client.UserId is { } user
        ? $"{Value}rl:{{u:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user))).AsSpan(0, 32)}}}"
        : $"{Value}rl:{{a:{client.Address.ToString("x32", CultureInfo.InvariantCulture)}}}";
}
