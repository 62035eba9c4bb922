/**
 * Device profiles and the cost models that turn an {@link io.hwnas.arch.Architecture} into a per-device
 * latency / FPS / memory estimate (shared/docs/algorithms.md §8).
 *
 * <ul>
 *   <li>{@link io.hwnas.hw.DeviceProfile}: the validated, immutable numbers for one device, each with a source.</li>
 *   <li>{@link io.hwnas.hw.DeviceProfiles}: bundled profiles by id, or any profile YAML file.</li>
 *   <li>{@link io.hwnas.hw.AnalyticalCostModel}: per-layer roofline with op-class efficiencies, BN and activation
 *       fusion, per-device activation support (fused / native / LUT / CPU fallback) and a per-inference overhead.</li>
 * </ul>
 */
package io.hwnas.hw;
