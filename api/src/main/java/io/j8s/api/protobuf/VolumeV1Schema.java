package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * core/v1 volume sources (Volume and everything it reaches), shared with the pod spec.
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class VolumeV1Schema {
  private VolumeV1Schema() {}

  static final MessageType LOCAL_OBJECT_REFERENCE = message("LocalObjectReference")
      .opt(1, "name", STRING);

  static final MessageType OBJECT_FIELD_SELECTOR = message("ObjectFieldSelector")
      .opt(1, "apiVersion", STRING)
      .req(2, "fieldPath", STRING);

  static final MessageType RESOURCE_FIELD_SELECTOR = message("ResourceFieldSelector")
      .opt(1, "containerName", STRING)
      .req(2, "resource", STRING)
      .req(3, "divisor", QUANTITY);

  static final MessageType AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE = message("AWSElasticBlockStoreVolumeSource")
      .req(1, "volumeID", STRING)
      .opt(2, "fsType", STRING)
      .opt(3, "partition", INT32)
      .opt(4, "readOnly", BOOL);

  static final MessageType AZURE_DISK_VOLUME_SOURCE = message("AzureDiskVolumeSource")
      .req(1, "diskName", STRING)
      .req(2, "diskURI", STRING)
      .req(3, "cachingMode", STRING)
      .req(4, "fsType", STRING)
      .req(5, "readOnly", BOOL)
      .req(6, "kind", STRING);

  static final MessageType AZURE_FILE_VOLUME_SOURCE = message("AzureFileVolumeSource")
      .req(1, "secretName", STRING)
      .req(2, "shareName", STRING)
      .opt(3, "readOnly", BOOL);

  static final MessageType CSI_VOLUME_SOURCE = message("CSIVolumeSource")
      .req(1, "driver", STRING)
      .req(2, "readOnly", BOOL)
      .req(3, "fsType", STRING)
      .map(4, "volumeAttributes", STRING)
      .req(5, "nodePublishSecretRef", LOCAL_OBJECT_REFERENCE);

  static final MessageType CEPH_FS_VOLUME_SOURCE = message("CephFSVolumeSource")
      .list(1, "monitors", STRING)
      .opt(2, "path", STRING)
      .opt(3, "user", STRING)
      .opt(4, "secretFile", STRING)
      .req(5, "secretRef", LOCAL_OBJECT_REFERENCE)
      .opt(6, "readOnly", BOOL);

  static final MessageType CINDER_VOLUME_SOURCE = message("CinderVolumeSource")
      .req(1, "volumeID", STRING)
      .opt(2, "fsType", STRING)
      .opt(3, "readOnly", BOOL)
      .req(4, "secretRef", LOCAL_OBJECT_REFERENCE);

  static final MessageType KEY_TO_PATH = message("KeyToPath")
      .req(1, "key", STRING)
      .req(2, "path", STRING)
      .req(3, "mode", INT32);

  static final MessageType CONFIG_MAP_VOLUME_SOURCE = message("ConfigMapVolumeSource")
      .inline(1, LOCAL_OBJECT_REFERENCE)
      .list(2, "items", KEY_TO_PATH)
      .req(3, "defaultMode", INT32)
      .req(4, "optional", BOOL);

  static final MessageType DOWNWARD_API_VOLUME_FILE = message("DownwardAPIVolumeFile")
      .req(1, "path", STRING)
      .req(2, "fieldRef", OBJECT_FIELD_SELECTOR)
      .req(3, "resourceFieldRef", RESOURCE_FIELD_SELECTOR)
      .req(4, "mode", INT32);

  static final MessageType DOWNWARD_API_VOLUME_SOURCE = message("DownwardAPIVolumeSource")
      .list(1, "items", DOWNWARD_API_VOLUME_FILE)
      .req(2, "defaultMode", INT32);

  static final MessageType EMPTY_DIR_VOLUME_SOURCE = message("EmptyDirVolumeSource")
      .opt(1, "medium", STRING)
      .req(2, "sizeLimit", QUANTITY);

  static final MessageType TYPED_LOCAL_OBJECT_REFERENCE = message("TypedLocalObjectReference")
      .req(1, "apiGroup", STRING)
      .req(2, "kind", STRING)
      .req(3, "name", STRING);

  static final MessageType TYPED_OBJECT_REFERENCE = message("TypedObjectReference")
      .req(1, "apiGroup", STRING)
      .req(2, "kind", STRING)
      .req(3, "name", STRING)
      .req(4, "namespace", STRING);

  static final MessageType VOLUME_RESOURCE_REQUIREMENTS = message("VolumeResourceRequirements")
      .map(1, "limits", QUANTITY)
      .map(2, "requests", QUANTITY);

  static final MessageType PERSISTENT_VOLUME_CLAIM_SPEC = message("PersistentVolumeClaimSpec")
      .list(1, "accessModes", STRING)
      .req(4, "selector", MetaV1Schema.LABEL_SELECTOR)
      .req(2, "resources", VOLUME_RESOURCE_REQUIREMENTS)
      .opt(3, "volumeName", STRING)
      .req(5, "storageClassName", STRING)
      .req(6, "volumeMode", STRING)
      .req(7, "dataSource", TYPED_LOCAL_OBJECT_REFERENCE)
      .req(8, "dataSourceRef", TYPED_OBJECT_REFERENCE)
      .req(9, "volumeAttributesClassName", STRING);

  static final MessageType PERSISTENT_VOLUME_CLAIM_TEMPLATE = message("PersistentVolumeClaimTemplate")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .req(2, "spec", PERSISTENT_VOLUME_CLAIM_SPEC);

  static final MessageType EPHEMERAL_VOLUME_SOURCE = message("EphemeralVolumeSource")
      .req(1, "volumeClaimTemplate", PERSISTENT_VOLUME_CLAIM_TEMPLATE);

  static final MessageType FC_VOLUME_SOURCE = message("FCVolumeSource")
      .list(1, "targetWWNs", STRING)
      .req(2, "lun", INT32)
      .opt(3, "fsType", STRING)
      .opt(4, "readOnly", BOOL)
      .list(5, "wwids", STRING);

  static final MessageType FLEX_VOLUME_SOURCE = message("FlexVolumeSource")
      .req(1, "driver", STRING)
      .opt(2, "fsType", STRING)
      .req(3, "secretRef", LOCAL_OBJECT_REFERENCE)
      .opt(4, "readOnly", BOOL)
      .map(5, "options", STRING);

  static final MessageType FLOCKER_VOLUME_SOURCE = message("FlockerVolumeSource")
      .opt(1, "datasetName", STRING)
      .opt(2, "datasetUUID", STRING);

  static final MessageType GCE_PERSISTENT_DISK_VOLUME_SOURCE = message("GCEPersistentDiskVolumeSource")
      .req(1, "pdName", STRING)
      .opt(2, "fsType", STRING)
      .opt(3, "partition", INT32)
      .opt(4, "readOnly", BOOL);

  static final MessageType GIT_REPO_VOLUME_SOURCE = message("GitRepoVolumeSource")
      .req(1, "repository", STRING)
      .opt(2, "revision", STRING)
      .opt(3, "directory", STRING);

  static final MessageType GLUSTERFS_VOLUME_SOURCE = message("GlusterfsVolumeSource")
      .req(1, "endpoints", STRING)
      .req(2, "path", STRING)
      .opt(3, "readOnly", BOOL);

  static final MessageType HOST_PATH_VOLUME_SOURCE = message("HostPathVolumeSource")
      .req(1, "path", STRING)
      .req(2, "type", STRING);

  static final MessageType ISCSI_VOLUME_SOURCE = message("ISCSIVolumeSource")
      .req(1, "targetPortal", STRING)
      .req(2, "iqn", STRING)
      .req(3, "lun", INT32)
      .opt(4, "iscsiInterface", STRING)
      .opt(5, "fsType", STRING)
      .opt(6, "readOnly", BOOL)
      .list(7, "portals", STRING)
      .opt(8, "chapAuthDiscovery", BOOL)
      .opt(11, "chapAuthSession", BOOL)
      .req(10, "secretRef", LOCAL_OBJECT_REFERENCE)
      .req(12, "initiatorName", STRING);

  static final MessageType IMAGE_VOLUME_SOURCE = message("ImageVolumeSource")
      .opt(1, "reference", STRING)
      .opt(2, "pullPolicy", STRING);

  static final MessageType NFS_VOLUME_SOURCE = message("NFSVolumeSource")
      .req(1, "server", STRING)
      .req(2, "path", STRING)
      .opt(3, "readOnly", BOOL);

  static final MessageType PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE = message("PersistentVolumeClaimVolumeSource")
      .req(1, "claimName", STRING)
      .opt(2, "readOnly", BOOL);

  static final MessageType PHOTON_PERSISTENT_DISK_VOLUME_SOURCE = message("PhotonPersistentDiskVolumeSource")
      .req(1, "pdID", STRING)
      .opt(2, "fsType", STRING);

  static final MessageType PORTWORX_VOLUME_SOURCE = message("PortworxVolumeSource")
      .req(1, "volumeID", STRING)
      .opt(2, "fsType", STRING)
      .opt(3, "readOnly", BOOL);

  static final MessageType CLUSTER_TRUST_BUNDLE_PROJECTION = message("ClusterTrustBundleProjection")
      .req(1, "name", STRING)
      .req(2, "signerName", STRING)
      .req(3, "labelSelector", MetaV1Schema.LABEL_SELECTOR)
      .req(5, "optional", BOOL)
      .req(4, "path", STRING);

  static final MessageType CONFIG_MAP_PROJECTION = message("ConfigMapProjection")
      .inline(1, LOCAL_OBJECT_REFERENCE)
      .list(2, "items", KEY_TO_PATH)
      .req(4, "optional", BOOL);

  static final MessageType DOWNWARD_API_PROJECTION = message("DownwardAPIProjection")
      .list(1, "items", DOWNWARD_API_VOLUME_FILE);

  static final MessageType SECRET_PROJECTION = message("SecretProjection")
      .inline(1, LOCAL_OBJECT_REFERENCE)
      .list(2, "items", KEY_TO_PATH)
      .req(4, "optional", BOOL);

  static final MessageType SERVICE_ACCOUNT_TOKEN_PROJECTION = message("ServiceAccountTokenProjection")
      .opt(1, "audience", STRING)
      .req(2, "expirationSeconds", INT64)
      .req(3, "path", STRING);

  static final MessageType VOLUME_PROJECTION = message("VolumeProjection")
      .req(1, "secret", SECRET_PROJECTION)
      .req(2, "downwardAPI", DOWNWARD_API_PROJECTION)
      .req(3, "configMap", CONFIG_MAP_PROJECTION)
      .req(4, "serviceAccountToken", SERVICE_ACCOUNT_TOKEN_PROJECTION)
      .req(5, "clusterTrustBundle", CLUSTER_TRUST_BUNDLE_PROJECTION);

  static final MessageType PROJECTED_VOLUME_SOURCE = message("ProjectedVolumeSource")
      .list(1, "sources", VOLUME_PROJECTION)
      .req(2, "defaultMode", INT32);

  static final MessageType QUOBYTE_VOLUME_SOURCE = message("QuobyteVolumeSource")
      .req(1, "registry", STRING)
      .req(2, "volume", STRING)
      .opt(3, "readOnly", BOOL)
      .opt(4, "user", STRING)
      .opt(5, "group", STRING)
      .opt(6, "tenant", STRING);

  static final MessageType RBD_VOLUME_SOURCE = message("RBDVolumeSource")
      .list(1, "monitors", STRING)
      .req(2, "image", STRING)
      .opt(3, "fsType", STRING)
      .opt(4, "pool", STRING)
      .opt(5, "user", STRING)
      .opt(6, "keyring", STRING)
      .req(7, "secretRef", LOCAL_OBJECT_REFERENCE)
      .opt(8, "readOnly", BOOL);

  static final MessageType SCALE_IO_VOLUME_SOURCE = message("ScaleIOVolumeSource")
      .req(1, "gateway", STRING)
      .req(2, "system", STRING)
      .req(3, "secretRef", LOCAL_OBJECT_REFERENCE)
      .opt(4, "sslEnabled", BOOL)
      .opt(5, "protectionDomain", STRING)
      .opt(6, "storagePool", STRING)
      .opt(7, "storageMode", STRING)
      .opt(8, "volumeName", STRING)
      .opt(9, "fsType", STRING)
      .opt(10, "readOnly", BOOL);

  static final MessageType SECRET_VOLUME_SOURCE = message("SecretVolumeSource")
      .opt(1, "secretName", STRING)
      .list(2, "items", KEY_TO_PATH)
      .req(3, "defaultMode", INT32)
      .req(4, "optional", BOOL);

  static final MessageType STORAGE_OS_VOLUME_SOURCE = message("StorageOSVolumeSource")
      .opt(1, "volumeName", STRING)
      .opt(2, "volumeNamespace", STRING)
      .opt(3, "fsType", STRING)
      .opt(4, "readOnly", BOOL)
      .req(5, "secretRef", LOCAL_OBJECT_REFERENCE);

  static final MessageType VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE = message("VsphereVirtualDiskVolumeSource")
      .req(1, "volumePath", STRING)
      .opt(2, "fsType", STRING)
      .opt(3, "storagePolicyName", STRING)
      .opt(4, "storagePolicyID", STRING);

  static final MessageType VOLUME_SOURCE = message("VolumeSource")
      .req(1, "hostPath", HOST_PATH_VOLUME_SOURCE)
      .req(2, "emptyDir", EMPTY_DIR_VOLUME_SOURCE)
      .req(3, "gcePersistentDisk", GCE_PERSISTENT_DISK_VOLUME_SOURCE)
      .req(4, "awsElasticBlockStore", AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE)
      .req(5, "gitRepo", GIT_REPO_VOLUME_SOURCE)
      .req(6, "secret", SECRET_VOLUME_SOURCE)
      .req(7, "nfs", NFS_VOLUME_SOURCE)
      .req(8, "iscsi", ISCSI_VOLUME_SOURCE)
      .req(9, "glusterfs", GLUSTERFS_VOLUME_SOURCE)
      .req(10, "persistentVolumeClaim", PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE)
      .req(11, "rbd", RBD_VOLUME_SOURCE)
      .req(12, "flexVolume", FLEX_VOLUME_SOURCE)
      .req(13, "cinder", CINDER_VOLUME_SOURCE)
      .req(14, "cephfs", CEPH_FS_VOLUME_SOURCE)
      .req(15, "flocker", FLOCKER_VOLUME_SOURCE)
      .req(16, "downwardAPI", DOWNWARD_API_VOLUME_SOURCE)
      .req(17, "fc", FC_VOLUME_SOURCE)
      .req(18, "azureFile", AZURE_FILE_VOLUME_SOURCE)
      .req(19, "configMap", CONFIG_MAP_VOLUME_SOURCE)
      .req(20, "vsphereVolume", VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE)
      .req(21, "quobyte", QUOBYTE_VOLUME_SOURCE)
      .req(22, "azureDisk", AZURE_DISK_VOLUME_SOURCE)
      .req(23, "photonPersistentDisk", PHOTON_PERSISTENT_DISK_VOLUME_SOURCE)
      .req(26, "projected", PROJECTED_VOLUME_SOURCE)
      .req(24, "portworxVolume", PORTWORX_VOLUME_SOURCE)
      .req(25, "scaleIO", SCALE_IO_VOLUME_SOURCE)
      .req(27, "storageos", STORAGE_OS_VOLUME_SOURCE)
      .req(28, "csi", CSI_VOLUME_SOURCE)
      .req(29, "ephemeral", EPHEMERAL_VOLUME_SOURCE)
      .req(30, "image", IMAGE_VOLUME_SOURCE);

  static final MessageType VOLUME = message("Volume")
      .req(1, "name", STRING)
      .inline(2, VOLUME_SOURCE);
}
