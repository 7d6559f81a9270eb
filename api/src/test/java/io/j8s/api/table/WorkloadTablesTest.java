package io.j8s.api.table;

import static io.j8s.api.table.TableFixtures.ago;
import static io.j8s.api.table.TableFixtures.cells;
import static io.j8s.api.table.TableFixtures.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkloadTablesTest {
  static final String META = "'metadata':{'name':'web','creationTimestamp':'" + ago(Duration.ofHours(51)) + "'}";
  static final String TEMPLATE = "'selector':{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'In','values':['b','a']}]},"
      + "'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'},{'name':'log','image':'busybox'}]}}";

  @Test
  void deploymentReadinessAndWideCells() {
    assertThat(columns("apps/v1", "Deployment")).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age",
        "Containers*", "Images*", "Selector*");
    assertThat(cells("apps/v1", "Deployment", "{" + META + ",'spec':{'replicas':3," + TEMPLATE + "},"
        + "'status':{'replicas':3,'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}"))
        .containsExactly("web", "2/3", 3L, 2L, "2d3h", "nginx,log", "nginx:1.27,busybox", "app=web,tier in (a,b)");
  }

  @Test
  void newDeploymentDefaultsToOneReplicaAndZeroes() {
    assertThat(cells("apps/v1", "Deployment", "{" + META + ",'spec':{'selector':{'matchLabels':{'app':'web'}}}}"))
        .containsExactly("web", "0/1", 0L, 0L, "2d3h", "", "", "app=web");
    assertThat(cells("apps/v1", "Deployment", "{" + META + ",'spec':{'replicas':0}}").get(1)).isEqualTo("0/0");
  }

  @Test
  void replicaSets() {
    assertThat(columns("apps/v1", "ReplicaSet")).containsExactly("Name", "Desired", "Current", "Ready", "Age",
        "Containers*", "Images*", "Selector*");
    assertThat(cells("apps/v1", "ReplicaSet", "{" + META + ",'spec':{'replicas':3," + TEMPLATE + "},"
        + "'status':{'replicas':3,'readyReplicas':1}}"))
        .containsExactly("web", 3L, 3L, 1L, "2d3h", "nginx,log", "nginx:1.27,busybox", "app=web,tier in (a,b)");
  }

  @Test
  void daemonSets() {
    assertThat(columns("apps/v1", "DaemonSet")).containsExactly("Name", "Desired", "Current", "Ready", "Up-to-date",
        "Available", "Node Selector", "Age", "Containers*", "Images*", "Selector*");
    assertThat(cells("apps/v1", "DaemonSet", "{" + META + ",'spec':{'selector':{'matchLabels':{'app':'web'}},"
        + "'template':{'spec':{'nodeSelector':{'kubernetes.io/os':'linux'},'containers':[{'name':'a','image':'i'}]}}},"
        + "'status':{'desiredNumberScheduled':2,'currentNumberScheduled':2,'numberReady':1,'updatedNumberScheduled':2,'numberAvailable':1}}"))
        .containsExactly("web", 2L, 2L, 1L, 2L, 1L, "kubernetes.io/os=linux", "2d3h", "a", "i", "app=web");
    assertThat(cells("apps/v1", "DaemonSet", "{" + META + "}").get(6)).isEqualTo("<none>");
  }

  @Test
  void controllerRevisions() {
    assertThat(columns("apps/v1", "ControllerRevision")).containsExactly("Name", "Controller", "Revision", "Age");
    assertThat(cells("apps/v1", "ControllerRevision", "{'metadata':{'name':'web-abc','creationTimestamp':'" + ago(Duration.ofHours(51))
        + "','ownerReferences':[{'apiVersion':'apps/v1','kind':'DaemonSet','name':'web','uid':'u','controller':true}]},'revision':3}"))
        .containsExactly("web-abc", "daemonset.apps/web", 3L, "2d3h");
  }

  @Test
  void autoscalersV2() {
    assertThat(columns("autoscaling/v2", "HorizontalPodAutoscaler")).containsExactly("Name", "Reference", "Targets",
        "MinPods", "MaxPods", "Replicas", "Age");
    assertThat(cells("autoscaling/v2", "HorizontalPodAutoscaler", "{" + META + ",'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},"
        + "'minReplicas':2,'maxReplicas':10,'metrics':["
        + "{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':80}}},"
        + "{'type':'Resource','resource':{'name':'memory','target':{'type':'AverageValue','averageValue':'100Mi'}}},"
        + "{'type':'Pods','pods':{'metric':{'name':'qps'},'target':{'type':'AverageValue','averageValue':'1k'}}}]},"
        + "'status':{'currentReplicas':3,'currentMetrics':[{'type':'Resource','resource':{'name':'cpu','current':{'averageUtilization':40}}}]}}"))
        .containsExactly("web", "Deployment/web", "cpu: 40%/80%, memory: <unknown>/100Mi + 1 more...", "2", 10L, 3L, "2d3h");
    assertThat(cells("autoscaling/v2", "HorizontalPodAutoscaler", "{" + META + ",'spec':{'scaleTargetRef':{'kind':'Deployment','name':'x'},"
        + "'maxReplicas':4,'metrics':[{'type':'External','external':{'metric':{'name':'q'},'target':{'type':'Value','value':'30'}}},"
        + "{'type':'Object','object':{'metric':{'name':'r'},'target':{'type':'AverageValue','averageValue':'5'}}}]},"
        + "'status':{'currentMetrics':[{'type':'External','external':{'current':{'value':'12'}}},"
        + "{'type':'Object','object':{'current':{'averageValue':'7'}}}]}}").subList(2, 4))
        .containsExactly("12/30, 7/5 (avg)", "<unset>");
    assertThat(cells("autoscaling/v2", "HorizontalPodAutoscaler", "{" + META + "}").get(2)).isEqualTo("<none>");
  }

  @Test
  void autoscalersV1() {
    assertThat(cells("autoscaling/v1", "HorizontalPodAutoscaler", "{'apiVersion':'autoscaling/v1'," + META
        + ",'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'minReplicas':1,'maxReplicas':5,'targetCPUUtilizationPercentage':50},"
        + "'status':{'currentReplicas':2,'currentCPUUtilizationPercentage':20}}"))
        .containsExactly("web", "Deployment/web", "cpu: 20%/50%", "1", 5L, 2L, "2d3h");
    assertThat(cells("autoscaling/v1", "HorizontalPodAutoscaler", "{'apiVersion':'autoscaling/v1'," + META
        + ",'spec':{'targetCPUUtilizationPercentage':50}}").get(2)).isEqualTo("cpu: <unknown>/50%");
  }
}
