package fr.sarcoma.referral.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The duration of every call of a phase, by kind of call, as the client saw it (request sent → answer read). */
final class Latencies {

  private final Map<String, List<Double>> millis = new TreeMap<>();

  synchronized void add(String call, double ms) {
    millis.computeIfAbsent(call, any -> new ArrayList<>()).add(ms);
  }

  synchronized void addAll(Latencies other) {
    other.millis.forEach(
        (call, values) -> millis.computeIfAbsent(call, any -> new ArrayList<>()).addAll(values));
  }

  synchronized Map<String, List<Double>> sorted() {
    Map<String, List<Double>> copy = new TreeMap<>();
    millis.forEach(
        (call, values) -> {
          List<Double> sorted = new ArrayList<>(values);
          Collections.sort(sorted);
          copy.put(call, sorted);
        });
    return copy;
  }

  synchronized long count() {
    return millis.values().stream().mapToLong(List::size).sum();
  }

  /** The nearest-rank percentile of sorted values (p99 of fewer than 100 values is their maximum). */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
