package io.respkit.internal.server;

import io.respkit.internal.server.CommandInfo.LegacyKeyRange;
import io.respkit.internal.server.KeySpec.BeginSearch;
import io.respkit.internal.server.KeySpec.FindKeys;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds the key arguments of a command from what {@code COMMAND INFO} said about it, the way the server's own
 * {@code COMMAND GETKEYS} does: with the key specifications where there are any (Redis 7), else with the legacy
 * first-key/last-key/step range (Redis 6.x), except for {@code movablekeys} commands without specs, whose keys only
 * the server can find. A subcommand ({@code OBJECT ENCODING}) is resolved through its container's entry.
 * Stateless and thread-safe.
 */
public final class KeyExtraction {

    private static final KeyPositions.AskServer UNKNOWN_SPEC =
            new KeyPositions.AskServer("a key spec of unknown type or marked incomplete");
    private static final KeyPositions.AskServer MOVABLE_WITHOUT_SPECS =
            new KeyPositions.AskServer("movablekeys without key specs");
    private static final KeyPositions.AskServer SPEC_DOES_NOT_FIT =
            new KeyPositions.AskServer("the arguments do not fit the key specs");

    private KeyExtraction() {
    }

    /**
     * Returns the positions of the keys in {@code args}, leaving out arguments of {@code not_key} specs as
     * {@code COMMAND GETKEYS} does.
     *
     * @param info the command's entry (the container's, for a subcommand)
     * @param args the arguments, the command name at 0
     * @return the positions, or {@link KeyPositions.AskServer} when only the server can tell
     * @throws NullPointerException when an argument is null
     */
    public static KeyPositions keyPositions(CommandInfo info, Arguments args) {
        return keyPositions(info, args, false);
    }

    /**
     * Returns the positions of the keys in {@code args}.
     *
     * @param info the command's entry (the container's, for a subcommand)
     * @param args the arguments, the command name at 0
     * @param includeNotKeys whether arguments of {@code not_key} specs count, such as the shard channels of
     *        {@code SPUBLISH}, which a cluster routes by their slot like keys
     * @return the positions, or {@link KeyPositions.AskServer} when only the server can tell
     * @throws NullPointerException when an argument is null
     */
    public static KeyPositions keyPositions(CommandInfo info, Arguments args, boolean includeNotKeys) {
        Objects.requireNonNull(args, "args");
        CommandInfo target = resolve(Objects.requireNonNull(info, "info"), args);
        if (!target.keySpecs().isEmpty()) {
            return fromSpecs(target, args, includeNotKeys);
        }
        if (target.hasMovableKeys()) {
            return MOVABLE_WITHOUT_SPECS;
        }
        return fromLegacyRange(target, args);
    }

    /** The subcommand named by argument 1 when the command has one of that name, else the command itself. */
    private static CommandInfo resolve(CommandInfo info, Arguments args) {
        if (info.subcommands().isEmpty() || args.count() < 2) {
            return info;
        }
        for (CommandInfo sub : info.subcommands().values()) {
            String name = sub.name();
            if (args.equalsIgnoreCase(1, name.substring(name.indexOf('|') + 1))) {
                return sub;
            }
        }
        return info;
    }

    private static KeyPositions fromSpecs(CommandInfo info, Arguments args, boolean includeNotKeys) {
        int argc = args.count();
        int[] found = null;
        int count = 0;
        for (KeySpec spec : info.keySpecs()) {
            if (spec.isNotKey() && !includeNotKeys) {
                continue;
            }
            if (!spec.isStatic()) {
                return UNKNOWN_SPEC;
            }
            int first = begin(spec.beginSearch(), args);
            if (first == 0) {
                // An optional keyword (GEORADIUS ... STORE) that is absent: this spec names no key.
                continue;
            }
            int last;
            int step;
            if (spec.findKeys() instanceof FindKeys.Range range) {
                step = range.keyStep();
                if (range.lastKey() >= 0) {
                    last = first + range.lastKey();
                } else if (range.limit() == 0) {
                    last = argc + range.lastKey();
                } else {
                    // XREAD ... STREAMS k1 k2 id1 id2: the keys are the first 1/limit of what follows.
                    last = first + (argc - first) / range.limit() + range.lastKey();
                }
            } else {
                FindKeys.KeyNum keyNum = (FindKeys.KeyNum) spec.findKeys();
                int at = first + keyNum.keyNumIndex();
                long numKeys = at < argc ? args.integer(at) : Arguments.NOT_AN_INTEGER;
                if (numKeys < 0 || numKeys > argc) {
                    return SPEC_DOES_NOT_FIT;
                }
                step = keyNum.keyStep();
                first += keyNum.firstKey();
                if (numKeys == 0) {
                    continue;
                }
                last = (int) (first + (numKeys - 1) * step);
            }
            if (step <= 0 || first >= argc || last >= argc || last < first) {
                // The server would fall back to the command's own key-finding code here: leave it to the server.
                return SPEC_DOES_NOT_FIT;
            }
            int n = (last - first) / step + 1;
            if (found == null) {
                // Most commands have one spec: sized exactly, the array is the result as it stands.
                found = new int[n];
            } else if (count + n > found.length) {
                found = Arrays.copyOf(found, Math.max(found.length * 2, count + n));
            }
            for (int i = first; i <= last; i += step) {
                found[count++] = i;
            }
        }
        if (count == 0) {
            return KeyPositions.Found.NONE;
        }
        return new KeyPositions.Found(count == found.length ? found : Arrays.copyOf(found, count));
    }

    /** The position of a spec's first key, or 0 when its keyword is absent. */
    private static int begin(BeginSearch search, Arguments args) {
        if (search instanceof BeginSearch.Index index) {
            return index.index();
        }
        BeginSearch.Keyword keyword = (BeginSearch.Keyword) search;
        int argc = args.count();
        int startFrom = keyword.startFrom();
        // As the server scans: forwards stopping before the last argument, or backwards stopping before the name's
        // neighbour; a keyword with nothing after it cannot begin a key.
        int start = startFrom > 0 ? startFrom : argc + startFrom;
        int end = startFrom > 0 ? argc - 1 : 1;
        int direction = start <= end ? 1 : -1;
        for (int i = start; i != end; i += direction) {
            if (i >= argc || i < 1) {
                break;
            }
            if (args.equalsIgnoreCase(i, keyword.keyword())) {
                return i + 1;
            }
        }
        return 0;
    }

    private static KeyPositions fromLegacyRange(CommandInfo info, Arguments args) {
        LegacyKeyRange range = info.legacyKeys();
        if (!range.hasKeys()) {
            return KeyPositions.Found.NONE;
        }
        int argc = args.count();
        int first = range.firstKey();
        int last = range.lastKey() < 0 ? argc + range.lastKey() : range.lastKey();
        int step = range.step();
        if (step <= 0 || last < first) {
            return KeyPositions.Found.NONE;
        }
        if (last >= argc) {
            // Too few arguments: the server answers with an arity error and, like it, we find no keys.
            return KeyPositions.Found.NONE;
        }
        int[] found = new int[(last - first) / step + 1];
        int count = 0;
        for (int i = first; i <= last; i += step) {
            found[count++] = i;
        }
        return new KeyPositions.Found(found);
    }
}
