package dev.wskit.cluster;

/**
 * The Lua scripts a node runs: each does in one step, atomically, what would race as separate
 * commands between nodes.
 */
final class RedisScripts {
    private RedisScripts() {
    }

    /**
     * Appends a message and trims the stream. The new entry records the id of the entry before it
     * ({@code previous}), read in the same step, so readers find every gap. Trimming follows the
     * add: by count with {@code MAXLEN ~} (whole nodes of the stream, cheap, never fewer than
     * asked), then by age with {@code MINID ~} against Redis's own clock.
     * KEYS: the messages stream. ARGV: max count, max age in ms, origin node, offline flag (1 or
     * 0), payload, and the sender if there is one. Returns the new id.
     */
    static final String PUBLISH = """
            local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local previous = '0-0'
            if #last > 0 then previous = last[1][1] end
            local fields = {'previous', previous, 'origin', ARGV[3], 'payload', ARGV[5]}
            if ARGV[4] == '1' then table.insert(fields, 'offline'); table.insert(fields, '1') end
            if ARGV[6] then table.insert(fields, 'sender'); table.insert(fields, ARGV[6]) end
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(fields))
            local time = redis.call('TIME')
            local oldest = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) - tonumber(ARGV[2])
            if oldest > 0 then redis.call('XTRIM', KEYS[1], 'MINID', '~', string.format('%d-0', oldest)) end
            return id
            """;

    /**
     * Refreshes the presence of a node's members of a topic and removes the members whose presence
     * expired, with an event for each member that appears or goes: ZADD and ZREM say whether they
     * changed anything, so each event is written once however many nodes run this.
     * KEYS: the members set, the presence stream. ARGV: now (epoch ms), the new expiry (epoch
     * ms), then the names to refresh. Returns how many expired.
     */
    static final String REFRESH_PRESENCE = """
            for i = 3, #ARGV do
              if redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i]) == 1 then
                redis.call('XADD', KEYS[2], 'MAXLEN', '~', 1000, '*', 'member', ARGV[i], 'change', 'JOINED')
              end
            end
            local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
            for _, name in ipairs(expired) do
              redis.call('ZREM', KEYS[1], name)
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', 1000, '*', 'member', name, 'change', 'LEFT')
            end
            return #expired
            """;

    /** Removes a member, with its event if it was present. KEYS: as above. ARGV: the name. */
    static final String LEAVE = """
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', 1000, '*', 'member', ARGV[1], 'change', 'LEFT')
            end
            return 0
            """;
}
