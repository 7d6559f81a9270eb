package io.j8s.api.table;

import static io.j8s.api.table.TableFixtures.ago;
import static io.j8s.api.table.TableFixtures.cells;
import static io.j8s.api.table.TableFixtures.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTablesTest {
  static final String META = "'metadata':{'name':'svc','creationTimestamp':'" + ago(Duration.ofHours(5)) + "'}";

  static List<Object> service(String spec) {
    return cells("v1", "Service", "{" + META + ",'spec':" + spec + "}");
  }

  @Test
  void serviceColumns() {
    assertThat(columns("v1", "Service")).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*");
  }

  @Test
  void clusterIpService() {
    assertThat(service("{'type':'ClusterIP','clusterIP':'10.43.0.10','clusterIPs':['10.43.0.10'],"
        + "'ports':[{'port':53,'protocol':'UDP'},{'port':53,'protocol':'TCP'}],'selector':{'k8s-app':'kube-dns','b':'2'}}"))
        .containsExactly("svc", "ClusterIP", "10.43.0.10", "<none>", "53/UDP,53/TCP", "5h", "b=2,k8s-app=kube-dns");
  }

  @Test
  void nodePortServiceShowsNodePortsAndExternalIps() {
    assertThat(service("{'type':'NodePort','clusterIPs':['10.43.1.1'],'externalIPs':['192.0.2.7'],"
        + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'},{'port':443,'nodePort':30443}]}"))
        .containsExactly("svc", "NodePort", "10.43.1.1", "192.0.2.7", "80:30080/TCP,443:30443/TCP", "5h", "<none>");
  }

  @Test
  void loadBalancerIsPendingUntilItHasAnAddress() {
    assertThat(service("{'type':'LoadBalancer','clusterIPs':['10.43.1.2'],'ports':[{'port':80,'nodePort':31000,'protocol':'TCP'}]}")
        .get(3)).isEqualTo("<pending>");
    assertThat(cells("v1", "Service", "{" + META + ",'spec':{'type':'LoadBalancer','externalIPs':['192.0.2.9']},"
        + "'status':{'loadBalancer':{'ingress':[{'ip':'198.51.100.1'},{'hostname':'lb.example'}]}}}").get(3))
        .isEqualTo("198.51.100.1,lb.example,192.0.2.9");
  }

  @Test
  void externalNameAndHeadlessServices() {
    assertThat(service("{'type':'ExternalName','externalName':'db.example.com'}"))
        .containsExactly("svc", "ExternalName", "<none>", "db.example.com", "<none>", "5h", "<none>");
    assertThat(service("{'type':'ClusterIP','clusterIP':'None','ports':[{'port':80,'protocol':'TCP'}]}").get(2)).isEqualTo("None");
  }

  @Test
  void endpointsShowTheFirstThreeAddressPorts() {
    String e = "{'metadata':{'name':'e'},'subsets':[{'addresses':[{'ip':'10.42.0.5'},{'ip':'10.42.0.6'}],"
        + "'ports':[{'port':80},{'port':443}]}]}";
    assertThat(cells("v1", "Endpoints", e)).containsExactly("e", "10.42.0.5:80,10.42.0.6:80,10.42.0.5:443 + 1 more...", "<unknown>");
    assertThat(cells("v1", "Endpoints", "{'metadata':{'name':'e'}}").get(1)).isEqualTo("<none>");
    assertThat(cells("v1", "Endpoints", "{'metadata':{'name':'e'},'subsets':[{'addresses':[{'ip':'fd00::1'}],'ports':[{'port':53}]},"
        + "{'addresses':[{'ip':'10.42.0.9'}]}]}").get(1)).isEqualTo("[fd00::1]:53,10.42.0.9");
  }

  @Test
  void endpointSlices() {
    assertThat(columns("discovery.k8s.io/v1", "EndpointSlice")).containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
    assertThat(cells("discovery.k8s.io/v1", "EndpointSlice", "{'metadata':{'name':'s'},'addressType':'IPv4',"
        + "'ports':[{'port':80},{'name':'http'},{}],'endpoints':[{'addresses':['10.0.0.1','10.0.0.2']},"
        + "{'addresses':['10.0.0.3']},{'addresses':['10.0.0.4']}]}"))
        .containsExactly("s", "IPv4", "80,http,*", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "<unknown>");
    assertThat(cells("discovery.k8s.io/v1", "EndpointSlice", "{'metadata':{'name':'s'},'addressType':'IPv6'}"))
        .containsExactly("s", "IPv6", "<unset>", "<unset>", "<unknown>");
  }

  @Test
  void ingresses() {
    assertThat(columns("networking.k8s.io/v1", "Ingress")).containsExactly("Name", "Class", "Hosts", "Address", "Ports", "Age");
    assertThat(cells("networking.k8s.io/v1", "Ingress", "{'metadata':{'name':'i'},'spec':{'ingressClassName':'j8s',"
        + "'rules':[{'host':'a.example'},{'host':'b.example'}],'tls':[{'hosts':['a.example']}]},"
        + "'status':{'loadBalancer':{'ingress':[{'ip':'10.0.0.1'}]}}}"))
        .containsExactly("i", "j8s", "a.example,b.example", "10.0.0.1", "80, 443", "<unknown>");
    assertThat(cells("networking.k8s.io/v1", "Ingress", "{'metadata':{'name':'i'},'spec':{'rules':[{},{'host':'a'},{'host':'b'},"
        + "{'host':'c'},{'host':'d'}]}}")).containsExactly("i", "<none>", "a,b,c + 2 more...", "", "80", "<unknown>");
  }

  @Test
  void ingressClassesAndNetworkPolicies() {
    assertThat(cells("networking.k8s.io/v1", "IngressClass", "{'metadata':{'name':'j8s'},'spec':{'controller':'j8s.io/ingress',"
        + "'parameters':{'apiGroup':'k8s.example.com','kind':'Params','name':'p'}}}"))
        .containsExactly("j8s", "j8s.io/ingress", "Params.k8s.example.com/p", "<unknown>");
    assertThat(cells("networking.k8s.io/v1", "NetworkPolicy", "{'metadata':{'name':'deny'},'spec':{'podSelector':{}}}"))
        .containsExactly("deny", "<none>", "<unknown>");
    assertThat(cells("networking.k8s.io/v1", "NetworkPolicy", "{'metadata':{'name':'web'},'spec':{'podSelector':{"
        + "'matchLabels':{'app':'web'},'matchExpressions':[{'key':'env','operator':'NotIn','values':['qa','dev']},"
        + "{'key':'canary','operator':'DoesNotExist'},{'key':'tier','operator':'Exists'}]}}}").get(1))
        .isEqualTo("app=web,!canary,env notin (dev,qa),tier");
  }
}
