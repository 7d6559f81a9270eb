package io.j8s.api.table;

import static io.j8s.api.table.TableFixtures.ago;
import static io.j8s.api.table.TableFixtures.cells;
import static io.j8s.api.table.TableFixtures.columns;
import static io.j8s.api.table.TableFixtures.json;
import static io.j8s.api.table.TableFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTableTest {
  static final String CREATED = ago(Duration.ofMinutes(5));

  static List<Object> pod(String spec, String status) {
    return pod("", spec, status);
  }

  static List<Object> pod(String extraMeta, String spec, String status) {
    return cells("v1", "Pod", "{'metadata':{'name':'web','creationTimestamp':'" + CREATED + "'" + extraMeta + "},"
        + "'spec':" + spec + ",'status':" + status + "}");
  }

  static final String ONE = "{'containers':[{'name':'c','image':'i'}],'nodeName':'n1'}";

  @Test
  void columnsMatchKubectl() {
    assertThat(columns("v1", "Pod")).containsExactly("Name", "Ready", "Status", "Restarts", "Age",
        "IP*", "Node*", "Nominated Node*", "Readiness Gates*");
  }

  @Test
  void runningReadyPod() {
    assertThat(pod(ONE, """
        {'phase':'Running','podIP':'10.42.0.9','podIPs':[{'ip':'10.42.0.5'}],
         'conditions':[{'type':'Ready','status':'True'}],
         'containerStatuses':[{'name':'c','ready':true,'restartCount':0,'state':{'running':{'startedAt':'x'}}}]}
        """)).containsExactly("web", "1/1", "Running", "0", "5m", "10.42.0.5", "n1", "<none>", "<none>");
  }

  @Test
  void pendingPodWithoutStatusesUsesThePhase() {
    assertThat(pod("{'containers':[{'name':'a'},{'name':'b'}]}", "{'phase':'Pending','podIP':'10.42.0.7'}"))
        .containsExactly("web", "0/2", "Pending", "0", "5m", "10.42.0.7", "<none>", "<none>", "<none>");
  }

  @Test
  void crashLoopShowsTheWaitingReasonAndWhenItLastRestarted() {
    assertThat(pod(ONE, "{'phase':'Running','containerStatuses':[{'name':'c','ready':false,'restartCount':4,"
        + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
        + "'lastState':{'terminated':{'exitCode':1,'reason':'Error','finishedAt':'" + ago(Duration.ofSeconds(30)) + "'}}}]}")
        .subList(1, 4)).containsExactly("0/1", "CrashLoopBackOff", "4 (30s ago)");
  }

  @Test
  void terminatedContainersShowReasonExitCodeOrSignal() {
    assertThat(pod(ONE, "{'phase':'Succeeded','containerStatuses':[{'name':'c','restartCount':0,"
        + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}").get(2)).isEqualTo("Completed");
    assertThat(pod(ONE, "{'phase':'Failed','containerStatuses':[{'name':'c','state':{'terminated':{'exitCode':2}}}]}")
        .get(2)).isEqualTo("ExitCode:2");
    assertThat(pod(ONE, "{'phase':'Failed','containerStatuses':[{'name':'c','state':{'terminated':{'exitCode':137,'signal':9}}}]}")
        .get(2)).isEqualTo("Signal:9");
  }

  @Test
  void completedSidecarWithARunningContainerIsRunningOrNotReady() {
    String spec = "{'containers':[{'name':'a'},{'name':'b'}]}";
    String statuses = "'containerStatuses':[{'name':'a','ready':true,'state':{'running':{}}},"
        + "{'name':'b','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]";
    assertThat(pod(spec, "{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]," + statuses + "}").subList(1, 3))
        .containsExactly("1/2", "Running");
    assertThat(pod(spec, "{'phase':'Running'," + statuses + "}").get(2)).isEqualTo("NotReady");
  }

  @Test
  void terminatingUnlessFinishedOrNodeLost() {
    String deleting = ",'deletionTimestamp':'" + ago(Duration.ofSeconds(3)) + "'";
    String running = "{'phase':'Running','containerStatuses':[{'name':'c','ready':true,'state':{'running':{}}}]}";
    assertThat(pod(deleting, ONE, running).subList(1, 3)).containsExactly("1/1", "Terminating");
    assertThat(pod(deleting, ONE, "{'phase':'Running','reason':'NodeLost'}").get(2)).isEqualTo("Unknown");
    assertThat(pod(deleting, ONE, "{'phase':'Succeeded','containerStatuses':[{'name':'c',"
        + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}").get(2)).isEqualTo("Completed");
  }

  @Test
  void podReasonAndSchedulingGates() {
    assertThat(pod(ONE, "{'phase':'Failed','reason':'Evicted'}").get(2)).isEqualTo("Evicted");
    assertThat(pod(ONE, "{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}")
        .get(2)).isEqualTo("SchedulingGated");
  }

  static final String TWO_INITS = "{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'c'}]}";

  @Test
  void initContainersReportProgressOrTheirFailure() {
    String app = ",'containerStatuses':[{'name':'c','state':{'waiting':{'reason':'PodInitializing'}}}]";
    assertThat(pod(TWO_INITS, "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':0}}},"
        + "{'name':'i2','state':{'running':{}}}]" + app + "}").subList(1, 4)).containsExactly("0/1", "Init:1/2", "0");
    assertThat(pod(TWO_INITS, "{'phase':'Pending','initContainerStatuses':[{'name':'i1','restartCount':3,"
        + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},'lastState':{'terminated':{'exitCode':1,'finishedAt':'"
        + ago(Duration.ofMinutes(2)) + "'}}},{'name':'i2','state':{'waiting':{'reason':'PodInitializing'}}}]" + app + "}")
        .subList(2, 4)).containsExactly("Init:CrashLoopBackOff", "3 (2m ago)");
    assertThat(pod(TWO_INITS, "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':1}}}]}")
        .get(2)).isEqualTo("Init:ExitCode:1");
    assertThat(pod(TWO_INITS, "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':1,'signal':15}}}]}")
        .get(2)).isEqualTo("Init:Signal:15");
    assertThat(pod(TWO_INITS, "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':2,'reason':'Error'}}}]}")
        .get(2)).isEqualTo("Init:Error");
    assertThat(pod(TWO_INITS, "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'waiting':{'reason':'PodInitializing'}}}]}")
        .get(2)).isEqualTo("Init:0/2");
  }

  @Test
  void startedSidecarsCountAsContainersAndDoNotBlockInit() {
    String spec = "{'initContainers':[{'name':'proxy','restartPolicy':'Always'}],'containers':[{'name':'c'}]}";
    assertThat(pod(spec, """
        {'phase':'Running','conditions':[{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'}],
         'initContainerStatuses':[{'name':'proxy','started':true,'ready':true,'restartCount':1,'state':{'running':{}}}],
         'containerStatuses':[{'name':'c','ready':true,'restartCount':2,'state':{'running':{}}}]}
        """).subList(1, 4)).containsExactly("2/2", "Running", "3");
  }

  @Test
  void readinessGatesCountSatisfiedConditions() {
    String spec = "{'containers':[{'name':'c'}],'readinessGates':[{'conditionType':'lb/ready'},{'conditionType':'other'}]}";
    assertThat(pod(spec, "{'phase':'Running','conditions':[{'type':'lb/ready','status':'True'},{'type':'other','status':'False'}]}")
        .get(8)).isEqualTo("1/2");
  }

  @Test
  void finishedPodsCarryACompletedRowCondition() {
    var t = table("v1", "Pod", json("{'metadata':{'name':'a'},'status':{'phase':'Succeeded'}}"),
        json("{'metadata':{'name':'b'},'status':{'phase':'Running'}}"));
    assertThat(t.get("rows").get(0).get("conditions").toString()).isEqualTo(
        "[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}]");
    assertThat(t.get("rows").get(1).has("conditions")).isFalse();
  }
}
