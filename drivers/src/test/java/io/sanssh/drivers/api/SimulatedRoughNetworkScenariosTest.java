package io.sanssh.drivers.api;

import io.sanssh.drivers.sim.FaultPlan;
import java.util.List;

/**
 * The driver scenarios over a rough simulated network: 2 ms latency with jitter, 400 MB/s, a
 * 64 KiB TCP window, writes taken 1,000 bytes at a time, reads handed out 700 bytes at a time,
 * and short stalls each way early on. Same assertions as over the sockets.
 */
class SimulatedRoughNetworkScenariosTest extends SimulatedScenariosTest {
    @Override
    FaultPlan plan() {
        FaultPlan.Path c2s = new FaultPlan.Path(2_000_000, 500_000, 400_000_000, 64 * 1024, 1000, 700,
                List.of(new FaultPlan.Stall(20_000_000, 50_000_000)));
        FaultPlan.Path s2c = new FaultPlan.Path(2_000_000, 500_000, 400_000_000, 64 * 1024, 1000, 700,
                List.of(new FaultPlan.Stall(60_000_000, 80_000_000)));
        return new FaultPlan(c2s, s2c, new FaultPlan.None());
    }
}
