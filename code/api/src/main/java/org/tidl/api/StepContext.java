package org.tidl.api;

/**
 * What one optimizer step sees besides the parameters.
 *
 * @param step              the step number t = 0, 1, 2, ... (W(t) is {@code scheme.matrix(t)})
 * @param learningRateScale the schedule's factor on the optimizer's learning rate at this step (1 without a
 *                          schedule; the deep-learning runs' warm-up and step decay)
 * @param scheme            the gossip scheme
 * @param oracle            stochastic gradients
 * @param losses            filled by the step with each worker's minibatch loss (the last oracle call's)
 *
 * @since 1
 */
public record StepContext(long step, double learningRateScale, GossipScheme scheme, GradientOracle oracle,
                          double[] losses) {
}
