package io.hwnas.hw.kernel;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;
import io.hwnas.hw.ActivationCosts;
import io.hwnas.hw.Fusion;
import io.hwnas.hw.NetworkWork;
import io.hwnas.hw.NodeWork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a network into the kernels a device executes, by the device's {@link Fusion} rules (the ones the
 * analytical model applies): a BN the device folds, or an activation it fuses, joins the kernel of its producer;
 * every other node the analytical model charges starts a kernel of its own; nodes it charges nothing
 * (flatten, dropout, identity) run as none.
 */
public final class Kernels implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Fusion fusion;
    private final ActivationCosts activations;

    public Kernels(Fusion fusion, ActivationCosts activations) {
        this.fusion = Objects.requireNonNull(fusion, "fusion");
        this.activations = Objects.requireNonNull(activations, "activations");
    }

    public List<Kernel> detect(Architecture arch) {
        return detect(arch, NetworkWork.of(arch));
    }

    public List<Kernel> detect(Architecture arch, NetworkWork work) {
        List<List<Integer>> groups = new ArrayList<>();
        Map<String, List<Integer>> groupOf = new HashMap<>();
        List<Node> nodes = arch.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            NodeWork w = work.nodes().get(i);
            List<Integer> group;
            if (fusion.foldsBatchNorm(w)
                    || (w.kind() == NodeWork.Kind.ACTIVATION && fusion.fusesActivation(w, activations.support(w.activation())))) {
                group = groupOf.get(nodes.get(i).inputs().get(0));
            } else if (KernelType.of(w) != null) {
                group = new ArrayList<>();
                groups.add(group);
            } else {
                continue;
            }
            group.add(i);
            groupOf.put(nodes.get(i).id(), group);
        }
        List<Kernel> kernels = new ArrayList<>(groups.size());
        for (List<Integer> g : groups) {
            List<Node> members = g.stream().map(nodes::get).toList();
            List<NodeWork> memberWork = g.stream().map(work.nodes()::get).toList();
            kernels.add(new Kernel(KernelType.of(memberWork.get(0)), members.stream().map(Node::id).toList(),
                    KernelFeatures.of(arch, members, memberWork)));
        }
        return kernels;
    }
}
