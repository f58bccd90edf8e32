package org.tidl.reproduction;

/** The data a figure needs besides the code. */
public enum Dataset {
    /** Theory and simulation: nothing. */
    NONE,
    /** Fashion-MNIST (the deep-learning replication on a CPU). */
    FASHION_MNIST,
    /** CIFAR-10, the paper's deep-learning data: the user's own copy of cifar-10-batches-bin. */
    CIFAR10
}
