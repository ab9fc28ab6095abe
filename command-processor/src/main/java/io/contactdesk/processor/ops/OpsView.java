package io.contactdesk.processor.ops;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.GroupLag;
import java.util.List;

/** What admins can ask about the running pipeline: the instances' latest heartbeats and consumer lag. */
public interface OpsView {

    OpsView NONE = new OpsView() {
        @Override
        public List<Heartbeat> instances() {
            return List.of();
        }

        @Override
        public List<GroupLag> lag() {
            return List.of();
        }
    };

    List<Heartbeat> instances();

    /** The latest lag measured from the broker (committed vs log end offsets), empty before the first measurement. */
    List<GroupLag> lag();
}
