package dev.nextbest.nba.contact;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/** Reserves one offer of each volume-limited action claimed, all at once ({@link VolumeCounters} does, in Redis). */
@FunctionalInterface
public interface VolumeReservations {

    /** @return per claim, whether it was reserved (false: its limit for the period is reached) */
    Uni<boolean[]> reserve(List<VolumeCounters.Claim> claims, Instant now);
}
