package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterTopology;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks one topology when the nodes asked describe the cluster differently, as they do for a while after a failover
 * or a slot migration, or when a node is partitioned away: the view that most nodes report wins.
 *
 * <p>Stateless and thread-safe.
 */
public final class TopologyChoice {

    private TopologyChoice() {
    }

    /**
     * Chooses the view of the cluster that most of the nodes asked report. Views count as the same when they assign
     * every slot to the same primary ({@link ClusterTopology#sameSlotOwners}); among groups of equal size the one whose
     * views cover more slots wins, then the one whose first view comes first in the list. The view returned is the
     * first of the winning group in list order, so callers that list the freshest or most trusted node first get its
     * replicas and health.
     *
     * @param views one topology per node asked, in order of preference
     * @return the chosen view, one of {@code views}
     * @throws IllegalArgumentException when {@code views} is null, empty or holds a null
     */
    public static ClusterTopology choose(List<ClusterTopology> views) {
        if (views == null || views.isEmpty()) {
            throw new IllegalArgumentException("no topology to choose from: " + (views == null ? "null" : "empty"));
        }
        List<ClusterTopology> representatives = new ArrayList<>();
        List<Integer> votes = new ArrayList<>();
        for (ClusterTopology view : views) {
            if (view == null) {
                throw new IllegalArgumentException("the topologies to choose from hold a null");
            }
            int group = -1;
            for (int i = 0; i < representatives.size() && group < 0; i++) {
                if (representatives.get(i).sameSlotOwners(view)) {
                    group = i;
                }
            }
            if (group < 0) {
                representatives.add(view);
                votes.add(1);
            } else {
                votes.set(group, votes.get(group) + 1);
            }
        }
        int best = 0;
        for (int i = 1; i < representatives.size(); i++) {
            int byVotes = Integer.compare(votes.get(i), votes.get(best));
            if (byVotes > 0 || byVotes == 0
                    && representatives.get(i).slotsCovered() > representatives.get(best).slotsCovered()) {
                best = i;
            }
        }
        return representatives.get(best);
    }
}
