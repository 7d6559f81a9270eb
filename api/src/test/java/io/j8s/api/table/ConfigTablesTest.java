package io.j8s.api.table;

import static io.j8s.api.table.TableFixtures.ago;
import static io.j8s.api.table.TableFixtures.cells;
import static io.j8s.api.table.TableFixtures.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigTablesTest {
  static final String META = "'metadata':{'name':'x','creationTimestamp':'2025-05-31T10:20:30Z'}";

  @Test
  void configMapsSecretsServiceAccounts() {
    assertThat(cells("v1", "ConfigMap", "{" + META + ",'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}"))
        .containsExactly("x", 3L, "25h");
    assertThat(cells("v1", "ConfigMap", "{" + META + "}")).containsExactly("x", 0L, "25h");
    assertThat(columns("v1", "Secret")).containsExactly("Name", "Type", "Data", "Age");
    assertThat(cells("v1", "Secret", "{" + META + ",'type':'kubernetes.io/tls','data':{'tls.crt':'','tls.key':''}}"))
        .containsExactly("x", "kubernetes.io/tls", 2L, "25h");
    assertThat(cells("v1", "ServiceAccount", "{" + META + ",'secrets':[{'name':'t'}]}")).containsExactly("x", 1L, "25h");
  }

  @Test
  void rolesShowCreationTimeAndBindingsTheirSubjects() {
    assertThat(columns("rbac.authorization.k8s.io/v1", "ClusterRole")).containsExactly("Name", "Created At");
    assertThat(cells("rbac.authorization.k8s.io/v1", "Role", "{'metadata':{'name':'r','creationTimestamp':'2025-05-31T10:20:30.123Z'}}"))
        .containsExactly("r", "2025-05-31T10:20:30Z");
    assertThat(columns("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"))
        .containsExactly("Name", "Role", "Age", "Users*", "Groups*", "ServiceAccounts*");
    assertThat(cells("rbac.authorization.k8s.io/v1", "RoleBinding", "{" + META + ",'roleRef':{'kind':'ClusterRole','name':'view'},"
        + "'subjects':[{'kind':'User','name':'alice'},{'kind':'User','name':'bob'},{'kind':'Group','name':'devs'},"
        + "{'kind':'ServiceAccount','namespace':'ci','name':'runner'},{'kind':'ServiceAccount','name':'local'}]}"))
        .containsExactly("x", "ClusterRole/view", "25h", "alice, bob", "devs", "ci/runner, local");
  }

  @Test
  void quotasSplitRequestsAndLimits() {
    assertThat(columns("v1", "ResourceQuota")).containsExactly("Name", "Age", "Request", "Limit");
    assertThat(cells("v1", "ResourceQuota", "{" + META + ",'status':{'hard':{'pods':'10','requests.cpu':'1','limits.memory':'2Gi',"
        + "'configmaps':'5'},'used':{'pods':'3','requests.cpu':'500m'}}}"))
        .containsExactly("x", "25h", "configmaps: 0/5, pods: 3/10, requests.cpu: 500m/1", "limits.memory: 0/2Gi");
    assertThat(cells("v1", "LimitRange", "{" + META + "}")).containsExactly("x", "2025-05-31T10:20:30Z");
  }

  @Test
  void persistentVolumeClaims() {
    assertThat(columns("v1", "PersistentVolumeClaim")).containsExactly("Name", "Status", "Volume", "Capacity", "Access Modes",
        "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode*");
    assertThat(cells("v1", "PersistentVolumeClaim", "{" + META + ",'spec':{'volumeName':'pv-1','storageClassName':'local',"
        + "'volumeMode':'Filesystem','resources':{'requests':{'storage':'1Gi'}}},"
        + "'status':{'phase':'Bound','capacity':{'storage':'2Gi'},'accessModes':['ReadWriteMany','ReadWriteOnce']}}"))
        .containsExactly("x", "Bound", "pv-1", "2Gi", "RWO,RWX", "local", "<unset>", "25h", "Filesystem");
    assertThat(cells("v1", "PersistentVolumeClaim", "{'metadata':{'name':'y','deletionTimestamp':'" + ago(Duration.ofSeconds(1))
        + "','annotations':{'volume.beta.kubernetes.io/storage-class':'old'}},'status':{'phase':'Pending'}}"))
        .containsExactly("y", "Terminating", "", "", "", "old", "<unset>", "<unknown>", "<unset>");
  }
}
