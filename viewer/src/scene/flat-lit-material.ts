// Three's Lambert shading for flat faces (a floor, a bench, walls, boxes), lit once per vertex
// instead of once per pixel. A flat face has one normal, and Lambert light depends on nothing
// else, so each vertex of a face gets the very colour every one of its pixels would: the picture
// is the same. On software rendering (SwiftShader) per-pixel lighting of the floor and the bench
// was the largest single cost of a frame; this makes those pixels as cheap as a flat colour.
//
// The same arithmetic as MeshLambertMaterial (three's lights, BRDF_Lambert, the sRGB output
// transfer), moved to the vertex shader. Only for opaque meshes of flat faces.

import * as THREE from 'three';

const VERTEX = /* glsl */ `
#include <common>
#include <lights_pars_begin>
#include <colorspace_pars_fragment>
uniform vec3 diffuse;
varying vec3 vOutgoing;

void main() {
  vec3 geometryNormal = normalize( normalMatrix * vec3( normal ) );
  vec3 direct = vec3( 0.0 );
  #if NUM_DIR_LIGHTS > 0
  #pragma unroll_loop_start
  for ( int i = 0; i < NUM_DIR_LIGHTS; i ++ ) {
    direct += saturate( dot( geometryNormal, directionalLights[ i ].direction ) ) * directionalLights[ i ].color * BRDF_Lambert( diffuse );
  }
  #pragma unroll_loop_end
  #endif
  vec3 irradiance = getAmbientLightIrradiance( ambientLightColor );
  #if NUM_HEMI_LIGHTS > 0
  #pragma unroll_loop_start
  for ( int i = 0; i < NUM_HEMI_LIGHTS; i ++ ) {
    irradiance += getHemisphereLightIrradiance( hemisphereLights[ i ], geometryNormal );
  }
  #pragma unroll_loop_end
  #endif
  vec3 indirect = irradiance * BRDF_Lambert( diffuse );
  vOutgoing = sRGBTransferOETF( vec4( direct + indirect, 1.0 ) ).rgb;
  gl_Position = projectionMatrix * modelViewMatrix * vec4( position, 1.0 );
}
`;

const FRAGMENT = /* glsl */ `
varying vec3 vOutgoing;

void main() {
  gl_FragColor = vec4( vOutgoing, 1.0 );
}
`;

export class FlatLitMaterial extends THREE.ShaderMaterial {
  constructor(color: THREE.ColorRepresentation) {
    super({
      lights: true,
      uniforms: THREE.UniformsUtils.merge([THREE.UniformsLib.lights, { diffuse: { value: new THREE.Color() } }]),
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
    });
    this.color.set(color);
  }

  /** Its colour, as a MeshLambertMaterial's (painting red sets it). */
  get color(): THREE.Color {
    return this.uniforms.diffuse!.value as THREE.Color;
  }
}
