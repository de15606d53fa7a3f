package org.framegrid.pipeline.engine.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.pipeline.StreamStatusListener;

/** Records every status event. */
final class StatusLog implements StreamStatusListener {
    final List<StreamStatus> events = new CopyOnWriteArrayList<>();

    @Override
    public void statusChanged(StreamStatus status) {
        events.add(status);
    }

    List<StreamState> states(String stream) {
        return events.stream().filter(s -> s.streamId().equals(stream)).map(StreamStatus::state).toList();
    }

    boolean saw(String stream, StreamState state) {
        return states(stream).contains(state);
    }

    StreamState last(String stream) {
        List<StreamState> s = states(stream);
        return s.isEmpty() ? null : s.getLast();
    }
}
