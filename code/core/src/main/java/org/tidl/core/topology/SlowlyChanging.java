package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * The reproduction repo's slowly changing graphs (the student
 * reproduction github.com/Goshmar/topology-in-decentralized-learning: {@code SlowChangingGraph}, {@code SlowChangingRing},
 * {@code SlowChangingStar}), seeded and aperiodic, max-degree weights:
 * <ul>
 *   <li>{@code slowly-changing:k,p}: starts from a connected G(n, p); each step toggles k random pairs,
 *       skipping a toggle that would disconnect the graph (a Markov chain: W(t) replays the toggles from 0,
 *       cached for increasing t);</li>
 *   <li>{@code slowly-changing-ring:k}: the ring plus k random chords, redrawn at every step;</li>
 *   <li>{@code slowly-changing-star:k}: the star (centre 0) plus k random leaf–leaf edges, redrawn at every step.</li>
 * </ul>
 */
public abstract class SlowlyChanging implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }

    static final Parameter K = Parameter.integer("k", 1, 0, 1_000_000, "pairs changed (or extra edges) per step");

    @Override public List<Parameter> parameters() { return List.of(K, ErdosRenyi.SEED); }

    static GossipMatrix weights(int n, boolean[] adjacency) {
        return MaxDegreeWeights.fromNeighbors(MaxDegreeWeights.neighborsOfEdges(n, edges(n, adjacency)));
    }

    /** The edges i < j of a symmetric n × n adjacency matrix. */
    static int[][] edges(int n, boolean[] adjacency) {
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (adjacency[i * n + j]) {
                    edges.add(new int[] {i, j});
                }
            }
        }
        return edges.toArray(new int[0][]);
    }

    /** {@code slowly-changing:k=K,p=P,seed=S}. */
    public static final class Graph extends SlowlyChanging {
        @Override public String name() { return "slowly-changing"; }
        @Override public String description() { return "connected G(n, p) that toggles k random pairs per step, staying connected (seeded)"; }
        @Override public List<Parameter> parameters() {
            return List.of(K, Parameter.real("p", 0.5, 0, 1, false, "edge probability of the start graph"), ErdosRenyi.SEED);
        }

        @Override
        public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
            int k = p.integer("k");
            long seed = p.integer("seed");
            int[][] start = RandomGraphs.connectedErdosRenyi(name(), n, p.real("p"), Seeds.stream(seed, name() + "/start", 0));
            Object lock = new Object();
            long[] at = {-1};
            boolean[][] state = {null};
            SplittableRandom[] rng = {null};
            return GossipScheme.of(n, GossipScheme.APERIODIC, t -> {
                synchronized (lock) {
                    if (state[0] == null || t < at[0]) { // restart the chain
                        state[0] = new boolean[n * n];
                        for (int[] e : start) {
                            state[0][e[0] * n + e[1]] = true;
                            state[0][e[1] * n + e[0]] = true;
                        }
                        rng[0] = Seeds.stream(seed, name() + "/toggles", 0);
                        at[0] = 0;
                    }
                    while (at[0] < t) {
                        for (int c = 0; c < k; c++) {
                            int i = rng[0].nextInt(n), j = rng[0].nextInt(n);
                            if (i == j) {
                                continue;
                            }
                            boolean[] a = state[0];
                            a[i * n + j] = a[j * n + i] = !a[i * n + j];
                            if (!RandomGraphs.connected(n, edges(n, a))) { // undo a toggle that disconnects
                                a[i * n + j] = a[j * n + i] = !a[i * n + j];
                            }
                        }
                        at[0]++;
                    }
                    return weights(n, state[0]);
                }
            });
        }
    }

    /** {@code slowly-changing-ring:k=K,seed=S}. */
    public static final class Ring extends SlowlyChanging {
        @Override public String name() { return "slowly-changing-ring"; }
        @Override public String description() { return "ring plus k random chords, redrawn every step (seeded)"; }

        @Override
        public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
            Require.atLeast(name(), n, 4);
            return redrawnEachStep(name(), n, p, 0, a -> {
                for (int i = 0; i < n; i++) {
                    int j = (i + 1) % n;
                    a[i * n + j] = a[j * n + i] = true;
                }
            });
        }
    }

    /** {@code slowly-changing-star:k=K,seed=S}. */
    public static final class Star extends SlowlyChanging {
        @Override public String name() { return "slowly-changing-star"; }
        @Override public String description() { return "star (centre 0) plus k random leaf-leaf edges, redrawn every step (seeded)"; }

        @Override
        public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
            Require.atLeast(name(), n, 3);
            return redrawnEachStep(name(), n, p, 1, a -> {
                for (int i = 1; i < n; i++) {
                    a[i] = a[i * n] = true;
                }
            });
        }
    }

    /** A base graph plus k random edges among workers ≥ {@code from}, redrawn at every step from the stream (seed, name, t). */
    static GossipScheme redrawnEachStep(String name, int n, Parameters p, int from, java.util.function.Consumer<boolean[]> base) {
        int k = p.integer("k");
        long seed = p.integer("seed");
        return GossipScheme.of(n, GossipScheme.APERIODIC, t -> {
            boolean[] a = new boolean[n * n];
            base.accept(a);
            addRandomEdges(a, n, k, from, Seeds.stream(seed, name, t));
            return weights(n, a);
        });
    }

    /** Adds up to k distinct new edges between workers ≥ {@code from}; gives up when none are left. */
    static void addRandomEdges(boolean[] a, int n, int k, int from, SplittableRandom rng) {
        int free = 0;
        for (int i = from; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                free += a[i * n + j] ? 0 : 1;
            }
        }
        for (int c = 0; c < Math.min(k, free); ) {
            int i = from + rng.nextInt(n - from), j = from + rng.nextInt(n - from);
            if (i != j && !a[i * n + j]) {
                a[i * n + j] = a[j * n + i] = true;
                c++;
            }
        }
    }
}
