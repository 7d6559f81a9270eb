package io.j8s.api.table;

import static io.j8s.api.table.TableFixtures.ago;
import static io.j8s.api.table.TableFixtures.cells;
import static io.j8s.api.table.TableFixtures.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterTablesTest {
  @Test
  void namespaces() {
    assertThat(columns("v1", "Namespace")).containsExactly("Name", "Status", "Age");
    assertThat(cells("v1", "Namespace", "{'metadata':{'name':'kube-system','creationTimestamp':'" + ago(Duration.ofDays(40))
        + "'},'status':{'phase':'Active'}}")).containsExactly("kube-system", "Active", "40d");
  }

  @Test
  void nodes() {
    assertThat(columns("v1", "Node")).containsExactly("Name", "Status", "Roles", "Age", "Version",
        "Internal-IP*", "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*");
    assertThat(cells("v1", "Node", """
        {'metadata':{'name':'n1','creationTimestamp':'%s','labels':{'node-role.kubernetes.io/control-plane':'',
           'node-role.kubernetes.io/master':'true','node-role.kubernetes.io/':'x','kubernetes.io/role':'edge','other':'y'}},
         'spec':{'unschedulable':true},
         'status':{'conditions':[{'type':'MemoryPressure','status':'False'},{'type':'Ready','status':'True'}],
           'addresses':[{'type':'Hostname','address':'n1'},{'type':'InternalIP','address':'10.0.0.11'},{'type':'InternalIP','address':'10.0.0.12'}],
           'nodeInfo':{'kubeletVersion':'v1.32.0-j8s','osImage':'Debian GNU/Linux 13','kernelVersion':'6.12.0','containerRuntimeVersion':'containerd://2.1'}}}
        """.formatted(ago(Duration.ofMinutes(90)))))
        .containsExactly("n1", "Ready,SchedulingDisabled", "control-plane,edge,master", "90m", "v1.32.0-j8s",
            "10.0.0.11", "<none>", "Debian GNU/Linux 13", "6.12.0", "containerd://2.1");
    assertThat(cells("v1", "Node", "{'metadata':{'name':'n2'},'status':{'conditions':[{'type':'Ready','status':'Unknown'}]}}"))
        .containsExactly("n2", "NotReady", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
    assertThat(cells("v1", "Node", "{'metadata':{'name':'n3'}}").get(1)).isEqualTo("Unknown");
  }

  @Test
  void coreEvents() {
    assertThat(columns("v1", "Event")).containsExactly("Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*",
        "Message", "First Seen*", "Count*", "Name*");
    assertThat(cells("v1", "Event", "{'metadata':{'name':'web.17a'},'involvedObject':{'kind':'Pod','name':'web','fieldPath':'spec.containers{c}'},"
        + "'reason':'BackOff','message':'Back-off restarting failed container \\n','type':'Warning','count':5,"
        + "'firstTimestamp':'" + ago(Duration.ofMinutes(20)) + "','lastTimestamp':'" + ago(Duration.ofSeconds(40)) + "',"
        + "'source':{'component':'kubelet','host':'n1'}}"))
        .containsExactly("40s", "Warning", "BackOff", "pod/web", "spec.containers{c}", "kubelet, n1",
            "Back-off restarting failed container", "20m", 5L, "web.17a");
  }

  @Test
  void eventsWithOnlyEventTimeOrSeries() {
    assertThat(cells("v1", "Event", "{'metadata':{'name':'e'},'involvedObject':{'kind':'Node'},'type':'Normal','reason':'Starting',"
        + "'eventTime':'" + ago(Duration.ofSeconds(7)) + "','reportingComponent':'kube-proxy','reportingInstance':'n1'}"))
        .containsExactly("7s", "Normal", "Starting", "node", "", "kube-proxy, n1", "", "7s", 1L, "e");
    assertThat(cells("v1", "Event", "{'metadata':{'name':'e'},'involvedObject':{'kind':'Pod','name':'p'},"
        + "'eventTime':'" + ago(Duration.ofMinutes(30)) + "','series':{'count':9,'lastObservedTime':'" + ago(Duration.ofMinutes(1)) + "'}}"))
        .containsExactly("60s", "", "", "pod/p", "", "", "", "30m", 9L, "e");
  }

  @Test
  void eventsK8sIoEventsReadTheirOwnFieldNames() {
    assertThat(cells("events.k8s.io/v1", "Event", "{'apiVersion':'events.k8s.io/v1','metadata':{'name':'e'},"
        + "'regarding':{'kind':'Deployment','name':'web'},'note':'Scaled up','reason':'ScalingReplicaSet','type':'Normal',"
        + "'eventTime':'" + ago(Duration.ofMinutes(3)) + "','reportingController':'deployment-controller','reportingInstance':'j8s'}"))
        .containsExactly("3m", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller, j8s", "Scaled up", "3m", 1L, "e");
  }

  @Test
  void leases() {
    assertThat(cells("coordination.k8s.io/v1", "Lease", "{'metadata':{'name':'n1','creationTimestamp':'" + ago(Duration.ofSeconds(12))
        + "'},'spec':{'holderIdentity':'n1','leaseDurationSeconds':40}}")).containsExactly("n1", "n1", "12s");
    assertThat(cells("coordination.k8s.io/v1", "Lease", "{'metadata':{'name':'x'}}")).containsExactly("x", "", "<unknown>");
  }
}
